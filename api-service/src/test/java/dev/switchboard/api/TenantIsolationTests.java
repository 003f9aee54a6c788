package dev.switchboard.api;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

import dev.switchboard.api.generation.RecordedGenerations;
import dev.switchboard.api.identity.ApiIntegrationTest;
import dev.switchboard.api.identity.BillingStub;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two organisations with keys, BYOK keys and generations: through every endpoint that reads an
 * organisation's data, each sees only its own, and the other's ids answer 404 (not 403), so their
 * existence does not leak either.
 */
class TenantIsolationTests extends ApiIntegrationTest {

    @Autowired
    DatabaseClient db;

    record Tenant(Browser browser, String key, String keyHash, String byokId, String generationId) {
    }

    private Tenant tenant(String who, String model) {
        Browser browser = signUp(uniqueEmail(who));
        Map<String, Object> created = createKey(browser, Map.of("name", who));
        String hash = (String) ((Map<?, ?>) created.get("data")).get("hash");
        Map<?, ?> byok = post(browser, "/api/v1/byok").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("provider", "openai", "key", "sk-" + who + "-0123456789abcdef"))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        String generation = new RecordedGenerations(db).platform(UUID.fromString(browser.orgId()), hash, model, "openai",
                Instant.now(), 1_000_000L, 50_000L);
        return new Tenant(browser, (String) created.get("key"), hash, (String) ((Map<?, ?>) byok.get("data")).get("id"),
                generation);
    }

    @Test
    void neitherOrganisationSeesTheOthersDataThroughAnyEndpoint() {
        Tenant a = tenant("tenant-a", "openai/model-of-a");
        Tenant b = tenant("tenant-b", "openai/model-of-b");

        for (Tenant[] pair : new Tenant[][] {{a, b}, {b, a}}) {
            Tenant me = pair[0];
            Tenant other = pair[1];
            String session = me.browser().session();

            web.get().uri("/api/v1/keys/" + other.keyHash()).cookie("SESSION", session).exchange().expectStatus().isNotFound();
            web.get().uri("/api/v1/keys").cookie("SESSION", session).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.data.length()").isEqualTo(1)
                    .jsonPath("$.data[0].hash").isEqualTo(me.keyHash());
            web.get().uri("/api/v1/key").header("Authorization", "Bearer " + me.key()).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.data.usage").isEqualTo(0.00105);

            web.get().uri("/api/v1/byok/" + other.byokId()).cookie("SESSION", session).exchange().expectStatus().isNotFound();
            web.get().uri("/api/v1/byok").cookie("SESSION", session).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.data.length()").isEqualTo(1)
                    .jsonPath("$.data[0].id").isEqualTo(me.byokId());

            for (String auth : new String[] {"session", "key"}) {
                web.get().uri("/api/v1/generation?id=" + other.generationId())
                        .headers(h -> authenticate(h, auth, me)).cookies(c -> cookie(c, auth, me))
                        .exchange().expectStatus().isNotFound();
                web.get().uri("/api/v1/generation?id=" + me.generationId())
                        .headers(h -> authenticate(h, auth, me)).cookies(c -> cookie(c, auth, me))
                        .exchange().expectStatus().isOk();
                web.get().uri("/api/v1/generations").headers(h -> authenticate(h, auth, me)).cookies(c -> cookie(c, auth, me))
                        .exchange().expectStatus().isOk()
                        .expectBody().jsonPath("$.data.length()").isEqualTo(1)
                        .jsonPath("$.data[0].id").isEqualTo(me.generationId());
                web.get().uri("/api/v1/generations?key=" + other.keyHash())
                        .headers(h -> authenticate(h, auth, me)).cookies(c -> cookie(c, auth, me))
                        .exchange().expectStatus().isOk()
                        .expectBody().jsonPath("$.data.length()").isEqualTo(0);
                web.get().uri("/api/v1/activity").headers(h -> authenticate(h, auth, me)).cookies(c -> cookie(c, auth, me))
                        .exchange().expectStatus().isOk()
                        .expectBody().jsonPath("$.data.length()").isEqualTo(1)
                        .jsonPath("$.data[0].model").isEqualTo(me == a ? "openai/model-of-a" : "openai/model-of-b")
                        .jsonPath("$.data[0].requests").isEqualTo(1);
            }

            int before = BillingStub.instance().received("/internal/orgs/" + me.browser().orgId() + "/credits").size();
            web.get().uri("/api/v1/credits").cookie("SESSION", session).exchange().expectStatus().isOk();
            assertThat(BillingStub.instance().received("/internal/orgs/" + me.browser().orgId() + "/credits"))
                    .hasSize(before + 1);
            assertThat(BillingStub.instance().received("/internal/orgs/" + other.browser().orgId() + "/credits"))
                    .hasSizeLessThanOrEqualTo(1);
        }
    }

    private static void authenticate(org.springframework.http.HttpHeaders headers, String auth, Tenant me) {
        if (auth.equals("key")) {
            headers.setBearerAuth(me.key());
        }
    }

    private static void cookie(org.springframework.util.MultiValueMap<String, String> cookies, String auth, Tenant me) {
        if (auth.equals("session")) {
            cookies.add("SESSION", me.browser().session());
        }
    }
}
