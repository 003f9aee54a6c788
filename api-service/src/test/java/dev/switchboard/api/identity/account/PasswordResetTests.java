package dev.switchboard.api.identity.account;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.switchboard.api.identity.ApiIntegrationTest;
import dev.switchboard.api.identity.MailInbox;
import dev.switchboard.api.identity.OneTimeToken;
import dev.switchboard.testing.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PasswordResetTests extends ApiIntegrationTest {

    static final String NEW_PASSWORD = "a brand new passphrase";

    @Autowired
    DatabaseClient db;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Test
    void aResetLinkSetsANewPasswordOnceAndEndsEverySession() {
        String email = uniqueEmail("forgetful");
        Browser signedUp = signUp(email);
        Browser otherDevice = browser(web.post().uri("/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", PASSWORD))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult());

        requestReset(email.toUpperCase()).expectStatus().isAccepted();
        MailInbox.Received mail = awaitMail(email, 1);
        assertThat(mail.subject()).isEqualTo("Reset your Switchboard password");
        assertThat(mail.body()).contains("/reset-password?token=" + mail.token());
        String stored = db.sql("SELECT token_hash FROM password_resets r JOIN users u ON u.id = r.user_id WHERE u.email = :email")
                .bind("email", email).map(row -> row.get("token_hash", String.class)).one().block();
        assertThat(stored).isEqualTo(OneTimeToken.hashOf(mail.token()));

        confirm(mail.token(), "short").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.message").isEqualTo("password must be 8 to 128 characters");
        confirm(mail.token(), NEW_PASSWORD).expectStatus().isNoContent();

        for (Browser old : new Browser[] {signedUp, otherDevice}) {
            web.get().uri("/auth/me").cookie("SESSION", old.session()).exchange().expectStatus().isUnauthorized();
        }
        assertThat(redis.hasKey(TestInfrastructure.redisPrefix() + "session:sessions:" + signedUp.session()).block())
                .as("the ended session is deleted from Redis").isFalse();
        login(email, PASSWORD).expectStatus().isUnauthorized();
        login(email, NEW_PASSWORD).expectStatus().isOk();

        confirm(mail.token(), "yet another password").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.message").isEqualTo("This password reset link is invalid, expired or already used");
        login(email, NEW_PASSWORD).expectStatus().isOk();
    }

    @Test
    void aResetLetsTheOwnerInToAnAccountLockedByGuessing() {
        String email = uniqueEmail("locked");
        signUp(email);
        for (int attempt = 1; attempt <= 10; attempt++) {
            login(email, "guess " + attempt).expectStatus().isUnauthorized();
        }
        login(email, PASSWORD).expectStatus().isEqualTo(429);

        requestReset(email).expectStatus().isAccepted();
        confirm(awaitMail(email, 1).token(), NEW_PASSWORD).expectStatus().isNoContent();
        login(email, NEW_PASSWORD).expectStatus().isOk();
    }

    @Test
    void anUnknownAddressGetsTheSameAnswerAndNoMail() {
        String nobody = uniqueEmail("nobody");
        requestReset(nobody).expectStatus().isAccepted().expectBody().isEmpty();
        String somebody = uniqueEmail("somebody");
        signUp(somebody);
        requestReset(somebody).expectStatus().isAccepted().expectBody().isEmpty();

        awaitMail(somebody, 1);
        assertThat(MailInbox.instance().to(nobody)).isEmpty();
    }

    @Test
    void anExpiredLinkIsRefused() {
        String email = uniqueEmail("slow");
        signUp(email);
        requestReset(email).expectStatus().isAccepted();
        String token = awaitMail(email, 1).token();
        // Past the hour.
        db.sql("UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE token_hash = :hash")
                .bind("hash", OneTimeToken.hashOf(token)).fetch().rowsUpdated().block();

        confirm(token, NEW_PASSWORD).expectStatus().isBadRequest();
        login(email, PASSWORD).expectStatus().isOk();
        confirm("not-a-token", NEW_PASSWORD).expectStatus().isBadRequest();
    }

    @Test
    void resetsAreThrottledPerAddressAndMailsPerAccount() {
        String addressKey = TestInfrastructure.redisPrefix() + "reset:addr:127.0.0.1";
        redis.delete(addressKey).block();
        try {
            String email = uniqueEmail("flooded");
            signUp(email);
            for (int i = 1; i <= 5; i++) {
                requestReset(email).expectStatus().isAccepted();
            }
            awaitMail(email, 3);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .untilAsserted(() -> assertThat(MailInbox.instance().to(email)).as("at most 3 mails an hour").hasSize(3));

            for (int i = 6; i <= 20; i++) {
                requestReset(uniqueEmail("spray")).expectStatus().isAccepted();
            }
            requestReset(uniqueEmail("spray")).expectStatus().isEqualTo(429)
                    .expectHeader().value("Retry-After", seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 3600L))
                    .expectBody().jsonPath("$.error.code").isEqualTo(429);
        } finally {
            redis.delete(addressKey).block();
        }
    }

    private MailInbox.Received awaitMail(String email, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> MailInbox.instance().to(email).size() >= count);
        return MailInbox.instance().to(email).getLast();
    }

    private WebTestClient.ResponseSpec requestReset(String email) {
        return web.post().uri("/auth/password-reset").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email)).exchange();
    }

    private WebTestClient.ResponseSpec confirm(String token, String password) {
        return web.post().uri("/auth/password-reset/confirm").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", token, "password", password)).exchange();
    }

    private WebTestClient.ResponseSpec login(String email, String password) {
        return web.post().uri("/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", password)).exchange();
    }
}
