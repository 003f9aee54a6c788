package dev.switchboard.api.identity;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server (GreenMail) in the test JVM, which the api-service under test is configured to
 * send through ({@code spring.mail.host}/{@code port}): mails are read back as their recipient would.
 */
public final class MailInbox {

    private static final MailInbox INSTANCE = new MailInbox();
    private static final Pattern TOKEN = Pattern.compile("[?&]token=([A-Za-z0-9_-]+)");

    private final GreenMail server;

    private MailInbox() {
        server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    public static MailInbox instance() {
        return INSTANCE;
    }

    public int port() {
        return server.getSmtp().getPort();
    }

    /** One received mail. */
    public record Received(String to, String subject, String body) {

        /** The one-time token of the mail's link. */
        public String token() {
            Matcher matcher = TOKEN.matcher(body);
            if (!matcher.find()) {
                throw new AssertionError("no link with a token in: " + body);
            }
            return matcher.group(1);
        }
    }

    /** Every mail received so far for {@code address}, oldest first. */
    public List<Received> to(String address) {
        return Arrays.stream(server.getReceivedMessages())
                .map(MailInbox::received)
                .filter(mail -> mail.to().equalsIgnoreCase(address))
                .toList();
    }

    private static Received received(MimeMessage message) {
        try {
            return new Received(message.getRecipients(Message.RecipientType.TO)[0].toString(), message.getSubject(),
                    String.valueOf(message.getContent()));
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
