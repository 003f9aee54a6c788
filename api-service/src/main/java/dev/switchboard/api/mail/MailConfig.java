package dev.switchboard.api.mail;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Chooses the {@link Mailer}: SMTP when Spring Boot configured a {@link JavaMailSender} (it does when
 * {@code spring.mail.host} is set), the log otherwise.
 */
@Configuration
class MailConfig {

    @Bean
    Mailer mailer(ObjectProvider<JavaMailSender> smtp, MailProperties properties) {
        JavaMailSender sender = smtp.getIfAvailable();
        return sender == null ? new LogMailer() : new SmtpMailer(sender, properties);
    }
}
