package dev.switchboard.api.identity;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import dev.switchboard.testing.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

class AccountTests extends ApiIntegrationTest {

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Test
    void signUpStartsASessionThatWorksUntilLogout() {
        String email = uniqueEmail("ada");
        EntityExchangeResult<Map> result = web.post().uri("/auth/signup")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", PASSWORD))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class)
                .returnResult();
        ResponseCookie session = result.getResponseCookies().getFirst("SESSION");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Lax");
        assertThat(result.getResponseCookies().getFirst("XSRF-TOKEN").isHttpOnly()).isFalse();
        Browser browser = browser(result);
        assertThat(BillingStub.instance().received("/internal/accounts"))
                .anySatisfy(r -> {
                    assertThat(r.body().get("orgId").stringValue()).isEqualTo(browser.orgId());
                    assertThat(r.authorization()).isEqualTo("Bearer test-token");
                });

        assertThat(redis.hasKey(TestInfrastructure.redisPrefix() + "session:sessions:" + browser.session()).block())
                .as("the session is kept in Redis under this platform's prefix").isTrue();

        web.get().uri("/auth/me").cookie("SESSION", browser.session())
                .exchange()
                .expectStatus().isOk()
                .expectCookie().exists("XSRF-TOKEN")
                .expectBody()
                .jsonPath("$.data.user.email").isEqualTo(email)
                .jsonPath("$.data.organization.id").isEqualTo(browser.orgId())
                .jsonPath("$.data.organization.role").isEqualTo("owner");

        post(browser, "/auth/logout").exchange().expectStatus().isNoContent();
        assertThat(redis.hasKey(TestInfrastructure.redisPrefix() + "session:sessions:" + browser.session()).block()).isFalse();

        web.get().uri("/auth/me").cookie("SESSION", browser.session())
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody()
                .jsonPath("$.error.code").isEqualTo(401)
                .jsonPath("$.error.message").isEqualTo("No auth credentials found");
    }

    @Test
    void loginWithTheWrongPasswordIsRefusedAndWithTheRightOneStartsASession() {
        String email = uniqueEmail("grace");
        signUp(email);

        web.post().uri("/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", "wrong password"))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody()
                .jsonPath("$.error.message").isEqualTo("Invalid email or password");
        web.post().uri("/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "nobody-" + email, "password", PASSWORD))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody()
                .jsonPath("$.error.message").isEqualTo("Invalid email or password");

        EntityExchangeResult<Map> login = web.post().uri("/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email.toUpperCase(), "password", PASSWORD))
                .exchange()
                .expectStatus().isOk()
                .expectBody(Map.class)
                .returnResult();
        Browser browser = browser(login);
        web.get().uri("/auth/me").cookie("SESSION", browser.session())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.user.email").isEqualTo(email);
    }

    @Test
    void afterTenFailedLoginsTheAccountIsRefusedEvenWithTheRightPassword() {
        String email = uniqueEmail("guessed");
        signUp(email);
        for (int attempt = 1; attempt <= 10; attempt++) {
            web.post().uri("/auth/login")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("email", email, "password", "guess " + attempt))
                    .exchange()
                    .expectStatus().isUnauthorized();
        }
        web.post().uri("/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", PASSWORD))
                .exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().value(HttpHeaders.RETRY_AFTER, seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 900L))
                .expectBody()
                .jsonPath("$.error.code").isEqualTo(429);
    }

    @Test
    void aCookieAuthenticatedWriteNeedsTheCsrfHeader() {
        Browser browser = signUp(uniqueEmail("csrf"));

        web.post().uri("/api/v1/keys")
                .cookie("SESSION", browser.session())
                .cookie("XSRF-TOKEN", browser.xsrf())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "no token"))
                .exchange()
                .expectStatus().isForbidden()
                .expectBody()
                .jsonPath("$.error.code").isEqualTo(403);
        web.post().uri("/api/v1/keys")
                .cookie("SESSION", browser.session())
                .cookie("XSRF-TOKEN", browser.xsrf())
                .header("X-XSRF-TOKEN", "forged")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "wrong token"))
                .exchange()
                .expectStatus().isForbidden();

        post(browser, "/api/v1/keys")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "with token"))
                .exchange()
                .expectStatus().isCreated();
    }

    @Test
    void signUpRefusesBadInputAndATakenEmailInTheErrorShape() {
        Map<String, String> badEmail = Map.of("email", "not-an-address", "password", PASSWORD);
        Map<String, String> shortPassword = Map.of("email", uniqueEmail("short"), "password", "1234567");
        for (Map<String, String> body : new Map[] {badEmail, shortPassword}) {
            web.post().uri("/auth/signup")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body)
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectBody()
                    .jsonPath("$.error.code").isEqualTo(400)
                    .jsonPath("$.error.message").isNotEmpty();
        }
        web.post().uri("/auth/signup")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"email\":")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.error.code").isEqualTo(400);

        String email = uniqueEmail("twice");
        signUp(email);
        web.post().uri("/auth/signup")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", " " + email.toUpperCase() + " ", "password", PASSWORD))
                .exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().doesNotExist(HttpHeaders.SET_COOKIE)
                .expectBody()
                .jsonPath("$.error.code").isEqualTo(409);
    }
}
