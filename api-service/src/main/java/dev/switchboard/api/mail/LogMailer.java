package dev.switchboard.api.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The mailer of a platform without SMTP: writes the recipient, subject and link at INFO, for the
 * operator of a local or test installation to pass on. The link carries a one-time token, which is
 * why this mailer must not be used where logs are shared more widely than mailboxes: configure
 * {@code spring.mail.host} there.
 */
class LogMailer implements Mailer {

    private static final Logger log = LoggerFactory.getLogger(LogMailer.class);

    @Override
    public Mono<Void> send(Mail mail) {
        return Mono.fromRunnable(() -> log.info("Mail (no SMTP configured) to {}: \"{}\" link: {}", mail.to(), mail.subject(), mail.link()));
    }
}
