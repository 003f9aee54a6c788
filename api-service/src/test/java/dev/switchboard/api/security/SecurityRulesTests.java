package dev.switchboard.api.security;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import dev.switchboard.api.identity.ApiIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityRulesTests extends ApiIntegrationTest {

    @Test
    void aRequestWithoutCredentialsGetsAJson401AndNoBasicPrompt() {
        for (String path : new String[] {"/api/v1/credits", "/api/v1/keys", "/api/v1/key", "/auth/me", "/api/admin/credits", "/anything/else"}) {
            web.get().uri(path)
                    .exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().doesNotExist(HttpHeaders.WWW_AUTHENTICATE)
                    .expectHeader().contentType(MediaType.APPLICATION_JSON)
                    .expectBody()
                    .jsonPath("$.error.code").isEqualTo(401)
                    .jsonPath("$.error.message").isEqualTo("No auth credentials found");
        }
        web.post().uri("/api/v1/chat/completions")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("model", "sim/echo"))
                .exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void anUnknownOrMalformedKeyIsRefusedAsInvalid() {
        for (String key : new String[] {"sk-sb-v1-" + "0".repeat(64), "sk-sb-v1-short", "not-a-key"}) {
            web.get().uri("/api/v1/key")
                    .header("Authorization", "Bearer " + key)
                    .exchange()
                    .expectStatus().isUnauthorized()
                    .expectBody()
                    .jsonPath("$.error.message").isEqualTo("Invalid API key");
        }
    }

    @Test
    void publicPathsNeedNoCredentialsAndIgnoreAStaleKey() {
        web.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        web.get().uri("/api/v1/models")
                .header("Authorization", "Bearer sk-sb-v1-stale")
                .exchange()
                .expectStatus().value(status -> assertThat(status).isNotIn(401, 403));
    }

    @Test
    void theCatalogUnderTheOpenAiBasePathNeedsNoCredentials() {
        web.get().uri("/v1/models").exchange().expectStatus().value(status -> assertThat(status).isNotIn(401, 403));
        web.get().uri("/v1/models/test/alpha-model").exchange()
                .expectStatus().value(status -> assertThat(status).isNotIn(401, 403));
    }

    @Test
    void theOperatorTokenOpensOperatorPathsAndNothingElseDoes() {
        web.get().uri("/actuator/prometheus")
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .exchange()
                .expectStatus().isOk();
        web.get().uri("/actuator/prometheus")
                .header("Authorization", "Bearer " + ADMIN_TOKEN + "x")
                .exchange()
                .expectStatus().isUnauthorized();
        Browser browser = signUp(uniqueEmail("notoperator"));
        web.get().uri("/actuator/prometheus")
                .cookie("SESSION", browser.session())
                .exchange()
                .expectStatus().isForbidden()
                .expectBody()
                .jsonPath("$.error.message").isEqualTo("This endpoint needs the operator token");
        web.post().uri("/api/v1/chat/completions")
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("model", "sim/echo"))
                .exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void aBearerRequestNeedsNoCsrfTokenEvenWithASessionCookie() {
        Browser browser = signUp(uniqueEmail("bearer"));
        String management = (String) createKey(browser, Map.of("name", "m", "is_management_key", true)).get("key");
        web.post().uri("/api/v1/keys")
                .cookie("SESSION", browser.session())
                .header("Authorization", "Bearer " + management)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "by bearer"))
                .exchange()
                .expectStatus().isCreated();
    }
}
