package dev.switchboard.api.identity.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

import dev.switchboard.api.identity.ApiIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyTests extends ApiIntegrationTest {

    @Autowired
    DatabaseClient db;

    @Test
    void aCreatedKeyAuthenticatesAtOnceIsStoredOnlyAsItsHashAndStopsWorkingWhenDeleted() throws Exception {
        Browser browser = signUp(uniqueEmail("keys"));
        Map<String, Object> created = createKey(browser, Map.of("name", "ci", "limit", 12.5, "limit_reset", "monthly"));
        String key = (String) created.get("key");
        Map<?, ?> data = (Map<?, ?>) created.get("data");
        String hash = (String) data.get("hash");
        assertThat(key).matches("sk-sb-v1-[0-9a-f]{64}");
        assertThat(hash).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII))));
        assertThat((String) data.get("label")).startsWith("sk-sb-v1-" + key.substring(9, 12)).endsWith(key.substring(key.length() - 3))
                .doesNotContain(key.substring(12, key.length() - 3));
        assertThat(data.get("limit")).isEqualTo(12.5);
        assertThat(data.get("limit_remaining")).isEqualTo(12.5);
        assertThat(data.get("usage")).isEqualTo(0);

        web.get().uri("/api/v1/key").header("Authorization", "Bearer " + key)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.label").isEqualTo(data.get("label"))
                .jsonPath("$.data.limit").isEqualTo(12.5)
                .jsonPath("$.data.is_management_key").isEqualTo(false);

        List<Map<String, Object>> rows = db.sql("SELECT * FROM api_keys WHERE org_id = :org")
                .bind("org", java.util.UUID.fromString(browser.orgId()))
                .fetch().all().collectList().block();
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().get("hash")).isEqualTo(hash);
        assertThat(rows.getFirst().get("limit_nanos")).isEqualTo(12_500_000_000L);
        assertThat(rows.getFirst().values()).noneMatch(value -> String.valueOf(value).contains(key.substring(9)));

        web.delete().uri("/api/v1/keys/" + hash)
                .cookie("SESSION", browser.session())
                .cookie("XSRF-TOKEN", browser.xsrf())
                .header("X-XSRF-TOKEN", browser.xsrf())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.deleted").isEqualTo(true);
        web.get().uri("/api/v1/key").header("Authorization", "Bearer " + key)
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody()
                .jsonPath("$.error.message").isEqualTo("Invalid API key");
    }

    @Test
    void anotherOrganisationCanNeitherSeeNorChangeNorDeleteTheKey() {
        Browser owner = signUp(uniqueEmail("owner"));
        Browser other = signUp(uniqueEmail("other"));
        String hash = (String) ((Map<?, ?>) createKey(owner, Map.of("name", "private")).get("data")).get("hash");

        web.get().uri("/api/v1/keys/" + hash).cookie("SESSION", other.session())
                .exchange()
                .expectStatus().isNotFound()
                .expectBody()
                .jsonPath("$.error.code").isEqualTo(404);
        web.patch().uri("/api/v1/keys/" + hash)
                .cookie("SESSION", other.session())
                .cookie("XSRF-TOKEN", other.xsrf())
                .header("X-XSRF-TOKEN", other.xsrf())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("disabled", true))
                .exchange()
                .expectStatus().isNotFound();
        web.delete().uri("/api/v1/keys/" + hash)
                .cookie("SESSION", other.session())
                .cookie("XSRF-TOKEN", other.xsrf())
                .header("X-XSRF-TOKEN", other.xsrf())
                .exchange()
                .expectStatus().isNotFound();
        web.get().uri("/api/v1/keys").cookie("SESSION", other.session())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.length()").isEqualTo(0);

        web.get().uri("/api/v1/keys/" + hash).cookie("SESSION", owner.session())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.name").isEqualTo("private")
                .jsonPath("$.data.disabled").isEqualTo(false);
    }

    @Test
    void aManagementKeyManagesKeysButCannotCallInference() {
        Browser browser = signUp(uniqueEmail("mgmt"));
        String management = (String) createKey(browser, Map.of("name", "admin", "is_management_key", true)).get("key");
        String inference = (String) createKey(browser, Map.of("name", "app")).get("key");

        web.post().uri("/api/v1/chat/completions").header("Authorization", "Bearer " + management)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("model", "sim/echo", "messages", List.of()))
                .exchange()
                .expectStatus().isForbidden()
                .expectBody()
                .jsonPath("$.error.code").isEqualTo(403)
                .jsonPath("$.error.message").value(message -> assertThat((String) message).startsWith("Management keys cannot"));

        web.post().uri("/api/v1/keys").header("Authorization", "Bearer " + management)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "made by a management key"))
                .exchange()
                .expectStatus().isCreated();
        web.get().uri("/api/v1/keys").header("Authorization", "Bearer " + management)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.length()").isEqualTo(3);
        web.get().uri("/api/v1/keys").header("Authorization", "Bearer " + inference)
                .exchange()
                .expectStatus().isForbidden()
                .expectBody()
                .jsonPath("$.error.message").isEqualTo("Only management keys can perform this operation");
    }

    @Test
    void aDisabledKeyIsRefusedAndWorksAgainOnceEnabled() {
        Browser browser = signUp(uniqueEmail("disable"));
        Map<String, Object> created = createKey(browser, Map.of("name", "toggle", "limit", 5));
        String key = (String) created.get("key");
        String hash = (String) ((Map<?, ?>) created.get("data")).get("hash");

        web.patch().uri("/api/v1/keys/" + hash)
                .cookie("SESSION", browser.session())
                .cookie("XSRF-TOKEN", browser.xsrf())
                .header("X-XSRF-TOKEN", browser.xsrf())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"disabled\":true,\"limit\":null,\"name\":\"off\"}")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.disabled").isEqualTo(true)
                .jsonPath("$.data.name").isEqualTo("off")
                .jsonPath("$.data.limit").isEmpty();
        web.get().uri("/api/v1/key").header("Authorization", "Bearer " + key)
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody()
                .jsonPath("$.error.message").isEqualTo("API key is disabled");

        web.patch().uri("/api/v1/keys/" + hash)
                .header("Authorization", "Bearer " + (String) createKey(browser, Map.of("name", "m", "is_management_key", true)).get("key"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("disabled", false))
                .exchange()
                .expectStatus().isOk();
        web.get().uri("/api/v1/key").header("Authorization", "Bearer " + key)
                .exchange()
                .expectStatus().isOk();
    }

    @Test
    void aKeyStopsWorkingWhenItExpiresEvenWhileCached() {
        Browser browser = signUp(uniqueEmail("expiring"));
        String expiresAt = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1).toString();
        String key = (String) createKey(browser, Map.of("name", "short-lived", "expires_at", expiresAt)).get("key");
        web.get().uri("/api/v1/key").header("Authorization", "Bearer " + key)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.expires_at").isEqualTo(expiresAt);

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                web.get().uri("/api/v1/key").header("Authorization", "Bearer " + key)
                        .exchange()
                        .expectStatus().isUnauthorized()
                        .expectBody()
                        .jsonPath("$.error.message").isEqualTo("API key has expired"));
    }

    @Test
    void limitsAreWrittenAsPlainExactDecimals() {
        Browser browser = signUp(uniqueEmail("tiny"));
        String body = post(browser, "/api/v1/keys")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"tiny\",\"limit\":0.000000001}")
                .exchange()
                .expectStatus().isCreated()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(body).contains("\"limit\":0.000000001,");
    }

    @Test
    void keyRequestsWithBadFieldsAreRefusedInTheErrorShape() {
        Browser browser = signUp(uniqueEmail("badkey"));
        for (Object body : List.of(Map.of("name", ""), Map.of("name", "x", "limit", -1),
                Map.of("name", "x", "limit_reset", "hourly"), Map.of("name", "x", "expires_at", "2001-01-01T00:00:00Z"),
                Map.of("name", "x", "limit", "0.0000000001"))) {
            post(browser, "/api/v1/keys")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body)
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectBody()
                    .jsonPath("$.error.code").isEqualTo(400);
        }
    }
}
