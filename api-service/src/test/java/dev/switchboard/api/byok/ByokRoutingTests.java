package dev.switchboard.api.byok;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

import dev.switchboard.api.inference.FakeProviders;
import dev.switchboard.api.inference.InferenceIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chat requests through the whole api-service against a local catalog and upstream: which key is
 * used in which order, what is charged (only the 5 % BYOK fee, as its own leg), and what a refused
 * BYOK key answers.
 */
class ByokRoutingTests extends InferenceIntegrationTest {

    /** 5 % of the list cost, the default BYOK fee. */
    static final long BYOK_FEE_NANOS = FakeProviders.LIST_COST_NANOS / 20;
    static final long PLATFORM_CHARGE_NANOS = FakeProviders.LIST_COST_NANOS + FakeProviders.LIST_COST_NANOS / 20;

    @Autowired
    DatabaseClient db;

    private Org org(String who) {
        return org(who, Map.of("name", who));
    }

    private void byok(Org org, String provider, String secret, String priority) {
        post(org.browser(), "/api/v1/byok").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("provider", provider, "key", secret, "priority", priority))
                .exchange().expectStatus().isCreated();
    }

    private List<String> keysFor(Runnable request) {
        int before = PROVIDERS.keysReceived.size();
        request.run();
        return List.copyOf(PROVIDERS.keysReceived.subList(before, PROVIDERS.keysReceived.size()));
    }

    private Map<String, Object> generationRecord(Org org) {
        return Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> db.sql("SELECT * FROM generations WHERE org_id = :org")
                .bind("org", org.id()).fetch().one().block(), row -> row != null);
    }

    @Test
    void withoutByokThePlatformKeyServesAndIsChargedCostPlusPlatformFee() {
        Org org = org("byok-none");
        assertThat(keysFor(() -> chat(org, "test/alpha-model").expectStatus().isOk()
                .expectBody().jsonPath("$.usage.is_byok").isEqualTo(false)))
                .containsExactly("alpha:" + FakeProviders.PLATFORM_KEY);
        awaitBalance(org, BALANCE_NANOS - PLATFORM_CHARGE_NANOS);
    }

    @Test
    void aPrioritizedKeyIsUsedFirstAndChargedOnlyTheByokFeeAsItsOwnLeg() {
        Org org = org("byok-prio");
        byok(org, "alpha", "sk-prio-0123456789", "prioritized");

        assertThat(keysFor(() -> chat(org, "test/alpha-model").expectStatus().isOk()
                .expectBody()
                .jsonPath("$.usage.is_byok").isEqualTo(true)
                .jsonPath("$.usage.cost").isEqualTo(0.0002005)
                .jsonPath("$.usage.cost_details.byok_fee").isEqualTo(0.0002005)
                .jsonPath("$.usage.cost_details.platform_fee").isEqualTo(0)
                .jsonPath("$.usage.cost_details.upstream_inference_cost").isEqualTo(0.00401)))
                .containsExactly("alpha:sk-prio-0123456789");
        awaitBalance(org, BALANCE_NANOS - BYOK_FEE_NANOS);

        Map<String, Object> record = generationRecord(org);
        assertThat(record.get("byok")).isEqualTo(true);
        assertThat(record.get("list_cost_nanos")).isEqualTo(FakeProviders.LIST_COST_NANOS);
        assertThat(record.get("upstream_cost_nanos")).isEqualTo(0L);
        assertThat(record.get("platform_fee_nanos")).isEqualTo(0L);
        assertThat(record.get("byok_fee_nanos")).isEqualTo(BYOK_FEE_NANOS);
        assertThat(record.get("total_nanos")).isEqualTo(BYOK_FEE_NANOS);
        // the per-key counters see it: charged the fee, BYOK usage at list price
        web.get().uri("/api/v1/key").header("Authorization", "Bearer " + org.key()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.data.usage").isEqualTo(0.0002005).jsonPath("$.data.byok_usage").isEqualTo(0.00401);
    }

    @Test
    void aPrioritizedKeyThatFailsFallsBackToThePlatform() {
        Org org = org("byok-prio-down");
        byok(org, "alpha", "sk-down-0123456789", "prioritized");
        PROVIDERS.failing.add("sk-down-0123456789");

        assertThat(keysFor(() -> chat(org, "test/alpha-model").expectStatus().isOk()
                .expectBody().jsonPath("$.usage.is_byok").isEqualTo(false)))
                .containsExactly("alpha:sk-down-0123456789", "alpha:" + FakeProviders.PLATFORM_KEY);
        awaitBalance(org, BALANCE_NANOS - PLATFORM_CHARGE_NANOS);
    }

    @Test
    void aFallbackKeyIsUsedOnlyAfterThePlatformFailed() {
        Org org = org("byok-fallback");
        byok(org, "alpha", "sk-fallback-0123456789", "fallback");

        assertThat(keysFor(() -> chat(org, "test/alpha-model").expectStatus().isOk()))
                .containsExactly("alpha:" + FakeProviders.PLATFORM_KEY);
        PROVIDERS.failing.add(FakeProviders.PLATFORM_KEY);
        assertThat(keysFor(() -> chat(org, "test/alpha-model").expectStatus().isOk()
                .expectBody().jsonPath("$.usage.is_byok").isEqualTo(true)))
                .containsExactly("alpha:" + FakeProviders.PLATFORM_KEY, "alpha:sk-fallback-0123456789");
        awaitBalance(org, BALANCE_NANOS - PLATFORM_CHARGE_NANOS - BYOK_FEE_NANOS);
    }

    @Test
    void alwaysTurnsPlatformCapacityOffAndARefusedKeyIsA401NamingTheProvider() {
        Org org = org("byok-always");
        byok(org, "alpha", "sk-bad-0123456789", "always");

        assertThat(keysFor(() -> chat(org, "test/alpha-model").expectStatus().isUnauthorized()
                .expectBody()
                .jsonPath("$.error.code").isEqualTo(401)
                .jsonPath("$.error.message").value(message -> assertThat((String) message).contains("alpha").contains("BYOK"))
                .jsonPath("$.error.metadata.provider_name").isEqualTo("alpha")))
                .containsExactly("alpha:sk-bad-0123456789");
        awaitBalance(org, BALANCE_NANOS);
    }

    @Test
    void oneTenantsRefusedKeyNeverEjectsTheEndpointForEveryoneElse() {
        Org tenant = org("byok-refused-often");
        byok(tenant, "alpha", "sk-bad-often-0123456789", "always");
        for (int i = 0; i < 8; i++) {
            chat(tenant, "test/alpha-model").expectStatus().isUnauthorized();
        }

        Org other = org("byok-bystander");
        assertThat(keysFor(() -> chat(other, "test/alpha-model").expectStatus().isOk()))
                .containsExactly("alpha:" + FakeProviders.PLATFORM_KEY);
    }

    @Test
    void aProviderThePlatformHasNoKeyForIsServedWithTheOrganisationsKeyAndOthersStillGet404() {
        Org owner = org("byok-beta");
        Org other = org("byok-beta-other");
        byok(owner, "beta", "sk-beta-0123456789", "prioritized");

        assertThat(keysFor(() -> chat(owner, "test/beta-model").expectStatus().isOk()))
                .containsExactly("beta:sk-beta-0123456789");
        assertThat(keysFor(() -> chat(other, "test/beta-model").expectStatus().is5xxServerError()))
                .isEmpty();
    }

    @Test
    void theBalanceRuleAppliesToByokRequestsToo() {
        Org org = org("byok-broke");
        byok(org, "alpha", "sk-prio-0123456789", "prioritized");
        redis.opsForValue().set(prefix.keys().balance(org.id()), "0").block();

        assertThat(keysFor(() -> chat(org, "test/alpha-model").expectStatus().isEqualTo(402)
                .expectBody().jsonPath("$.error.code").isEqualTo(402))).isEmpty();
    }

    @Test
    void aStreamedByokGenerationIsSettledWithTheByokFeeOnly() {
        Org org = org("byok-stream");
        byok(org, "alpha", "sk-stream-0123456789", "prioritized");

        String stream = web.post().uri("/api/v1/chat/completions").header("Authorization", "Bearer " + org.key())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("model", "test/alpha-model", "stream", true, "max_tokens", 2000,
                        "messages", List.of(Map.of("role", "user", "content", "hi"))))
                .exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseBody().collectList().block(Duration.ofSeconds(30)).toString();

        assertThat(stream).contains("\"is_byok\":true").contains("\"byok_fee\":0.0002005").contains("[DONE]");
        assertThat(PROVIDERS.keysReceived).contains("alpha:sk-stream-0123456789");
        awaitBalance(org, BALANCE_NANOS - BYOK_FEE_NANOS);
        assertThat(generationRecord(org).get("byok_fee_nanos")).isEqualTo(BYOK_FEE_NANOS);
    }
}
