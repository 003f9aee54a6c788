package dev.switchboard.api.mail;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class LogMailerTest {

    @Test
    void withoutSmtpTheMailIsWrittenToTheLog(CapturedOutput output) {
        URI link = URI.create("https://switchboard.example/reset-password?token=abc");
        StepVerifier.create(new LogMailer().send(new Mail("ada@example.com", "Reset your Switchboard password", "text " + link, link)))
                .verifyComplete();
        assertThat(output).contains("Mail (no SMTP configured) to ada@example.com: \"Reset your Switchboard password\" link: " + link);
    }

    @Test
    void theMailerIsTheLogUnlessSpringBootConfiguredSmtp() {
        try (var withoutSmtp = new AnnotationConfigApplicationContext()) {
            withoutSmtp.registerBean(MailProperties.class, () -> new MailProperties("from@localhost", URI.create("http://localhost")));
            withoutSmtp.register(MailConfig.class);
            withoutSmtp.refresh();
            assertThat(withoutSmtp.getBean(Mailer.class)).isInstanceOf(LogMailer.class);
        }
        try (var withSmtp = new AnnotationConfigApplicationContext()) {
            withSmtp.registerBean(MailProperties.class, () -> new MailProperties("from@localhost", URI.create("http://localhost")));
            withSmtp.registerBean(JavaMailSenderImpl.class);
            withSmtp.register(MailConfig.class);
            withSmtp.refresh();
            assertThat(withSmtp.getBean(Mailer.class)).isInstanceOf(SmtpMailer.class);
        }
    }

    @Test
    void linksJoinTheConfiguredOriginAndTheToken() {
        assertThat(new MailProperties("x", URI.create("https://sb.example/")).link("accept-invite", "t0k"))
                .isEqualTo(URI.create("https://sb.example/accept-invite?token=t0k"));
    }
}
