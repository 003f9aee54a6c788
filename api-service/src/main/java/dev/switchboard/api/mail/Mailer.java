package dev.switchboard.api.mail;

import reactor.core.publisher.Mono;

/**
 * Sends mail: over SMTP when {@code spring.mail.host} is configured ({@link SmtpMailer}), otherwise
 * into the log ({@link LogMailer}), so that a local platform works without a mail server.
 */
public interface Mailer {

    /** Completes when the mail has been handed on (to the SMTP server, or to the log). */
    Mono<Void> send(Mail mail);
}
