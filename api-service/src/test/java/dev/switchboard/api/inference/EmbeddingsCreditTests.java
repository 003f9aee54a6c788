package dev.switchboard.api.inference;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/v1/embeddings} under the same credit rules as chat: the organisation's BYOK key
 * first, charged only the BYOK fee; the calling key's limit held, enforced with a 402 and posted on
 * settle; the books balanced after each.
 */
class EmbeddingsCreditTests extends InferenceIntegrationTest {

    /** On the platform's key: the list cost plus the 5 % platform fee. */
    static final long PLATFORM_CHARGE_NANOS = FakeProviders.EMBEDDING_LIST_COST_NANOS
            + FakeProviders.EMBEDDING_LIST_COST_NANOS / 20;
    /** On the organisation's key: the 5 % BYOK fee only. */
    static final long BYOK_FEE_NANOS = FakeProviders.EMBEDDING_LIST_COST_NANOS / 20;

    @Autowired
    DatabaseClient db;

    private WebTestClient.ResponseSpec embed(Org org) {
        return web.post().uri("/api/v1/embeddings").header("Authorization", "Bearer " + org.key())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("model", "test/alpha-embed", "input", "hello"))
                .exchange();
    }

    private List<String> keysFor(Runnable request) {
        int before = PROVIDERS.keysReceived.size();
        request.run();
        return List.copyOf(PROVIDERS.keysReceived.subList(before, PROVIDERS.keysReceived.size()));
    }

    private void awaitNothingHeld(Org org) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(redis.opsForValue().get(prefix.keys().held(org.id())).block()).isIn(null, "0");
            assertThat(redis.opsForValue().get(prefix.value() + "keyheld:" + org.keyHash()).block()).isIn(null, "0");
        });
    }

    private Map<String, Object> generationRecord(Org org) {
        return Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> db.sql("SELECT * FROM generations WHERE org_id = :org")
                .bind("org", org.id()).fetch().one().block(), row -> row != null);
    }

    @Test
    void anEmbeddingsRequestOverAKeyWhoseLimitIsSpentGets402InOpenRoutersShapeWithoutAnUpstreamCall() {
        Org org = org("embed-limit", Map.of("name", "spent", "limit", new BigDecimal(KeyLimitTests.CHARGE_NANOS).movePointLeft(9),
                "limit_reset", "daily"));
        chat(org, "test/alpha-model").expectStatus().isOk();

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(keysFor(() -> embed(org).expectStatus().isEqualTo(402)
                        .expectBody()
                        .jsonPath("$.error.code").isEqualTo(402)
                        .jsonPath("$.error.message").value(m -> assertThat((String) m).contains("API key's credit limit"))
                        .jsonPath("$.error.metadata.limit_remaining_usd").isEqualTo(0))).isEmpty());
        awaitBalance(org, BALANCE_NANOS - KeyLimitTests.CHARGE_NANOS);
        awaitNothingHeld(org);
    }

    @Test
    void anEmbeddingsRequestIsHeldAgainstTheKeysLimitAndPostedToItsUsage() {
        Org org = org("embed-limit-ok", Map.of("name", "limited", "limit", 0.001));

        embed(org).expectStatus().isOk().expectBody().jsonPath("$.usage.is_byok").isEqualTo(false);

        awaitBalance(org, BALANCE_NANOS - PLATFORM_CHARGE_NANOS);
        awaitNothingHeld(org);
        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                web.get().uri("/api/v1/key").header("Authorization", "Bearer " + org.key()).exchange().expectStatus().isOk()
                        .expectBody().jsonPath("$.data.usage").value(usage -> assertThat(new BigDecimal(usage.toString()))
                                .isEqualByComparingTo(new BigDecimal(PLATFORM_CHARGE_NANOS).movePointLeft(9))));
    }

    @Test
    void anOrganisationsByokKeyServesEmbeddingsAndOnlyTheByokFeeIsCharged() {
        Org org = org("embed-byok", Map.of("name", "byok"));
        post(org.browser(), "/api/v1/byok").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("provider", "alpha", "key", "sk-embed-0123456789", "priority", "prioritized"))
                .exchange().expectStatus().isCreated();

        assertThat(keysFor(() -> embed(org).expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data[0].embedding[1]").isEqualTo(-0.5)
                .jsonPath("$.usage.prompt_tokens").isEqualTo(10)
                .jsonPath("$.usage.is_byok").isEqualTo(true)
                .jsonPath("$.usage.cost").isEqualTo(0.0000005)
                .jsonPath("$.usage.cost_details.byok_fee").isEqualTo(0.0000005)
                .jsonPath("$.usage.cost_details.platform_fee").isEqualTo(0)
                .jsonPath("$.usage.cost_details.upstream_inference_cost").isEqualTo(0.00001)))
                .containsExactly("alpha:sk-embed-0123456789");

        awaitBalance(org, BALANCE_NANOS - BYOK_FEE_NANOS);
        awaitNothingHeld(org);
        Map<String, Object> record = generationRecord(org);
        assertThat(record.get("api")).isEqualTo("embeddings");
        assertThat(record.get("byok")).isEqualTo(true);
        assertThat(record.get("list_cost_nanos")).isEqualTo(FakeProviders.EMBEDDING_LIST_COST_NANOS);
        assertThat(record.get("upstream_cost_nanos")).isEqualTo(0L);
        assertThat(record.get("platform_fee_nanos")).isEqualTo(0L);
        assertThat(record.get("byok_fee_nanos")).isEqualTo(BYOK_FEE_NANOS);
        assertThat(record.get("total_nanos")).isEqualTo(BYOK_FEE_NANOS);
    }
}
