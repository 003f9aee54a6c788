package dev.switchboard.api.mail;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outgoing mail ({@code switchboard.mail.*}); the SMTP server itself is Spring Boot's {@code spring.mail.*}.
 *
 * @param from        the sender address of every mail
 * @param linkBaseUrl the public origin the links in mails point to (the web UI), e.g. {@code https://switchboard.example}
 */
@ConfigurationProperties("switchboard.mail")
public record MailProperties(@DefaultValue("Switchboard <no-reply@localhost>") String from,
                             @DefaultValue("http://localhost:8080") URI linkBaseUrl) {

    /** {@code <linkBaseUrl>/<path>?token=<token>}: the page of the web UI that completes the action. */
    public URI link(String path, String token) {
        return URI.create(page(path) + "?token=" + token);
    }

    /** {@code <linkBaseUrl>/<path>}: a page of the web UI. */
    public URI page(String path) {
        String base = linkBaseUrl.toString().replaceAll("/+$", "");
        return URI.create(base + "/" + path);
    }
}
