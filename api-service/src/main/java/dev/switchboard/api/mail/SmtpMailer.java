package dev.switchboard.api.mail;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Sends through Spring's {@link JavaMailSender} (configured by {@code spring.mail.*}). Jakarta Mail
 * blocks on the SMTP conversation, so the send runs on {@code boundedElastic}, never on an event loop.
 */
class SmtpMailer implements Mailer {

    private final JavaMailSender sender;
    private final MailProperties properties;

    SmtpMailer(JavaMailSender sender, MailProperties properties) {
        this.sender = sender;
        this.properties = properties;
    }

    @Override
    public Mono<Void> send(Mail mail) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.from());
        message.setTo(mail.to());
        message.setSubject(mail.subject());
        message.setText(mail.text());
        return Mono.fromRunnable(() -> sender.send(message))
                .subscribeOn(Schedulers.boundedElastic())
                .then();
    }
}
