package dev.switchboard.api.inference;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** A key's credit limit is enforced on every inference request, also when many arrive at once. */
class KeyLimitTests extends InferenceIntegrationTest {

    /** What one test request is charged on the platform key: list cost plus the 5 % platform fee. */
    static final long CHARGE_NANOS = FakeProviders.LIST_COST_NANOS + FakeProviders.LIST_COST_NANOS / 20;

    @Test
    void concurrentRequestsOnOneKeyNeverSpendPastItsLimit() throws Exception {
        long limitNanos = 3 * CHARGE_NANOS;
        Org org = org("limit-race", Map.of("name", "limited", "limit", new BigDecimal(limitNanos).movePointLeft(9)));
        List<Integer> statuses = new CopyOnWriteArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(30);
        try {
            List<Future<?>> done = IntStream.range(0, 30).<Future<?>>mapToObj(i -> clients.submit(() -> {
                start.await();
                statuses.add(chat(org, "test/alpha-model").returnResult(String.class).getStatus().value());
                return null;
            })).toList();
            start.countDown();
            for (Future<?> request : done) {
                request.get(60, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }

        long served = statuses.stream().filter(s -> s == 200).count();
        assertThat(statuses).hasSize(30).allMatch(s -> s == 200 || s == 402);
        assertThat(served).isBetween(1L, 3L);
        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                web.get().uri("/api/v1/key").header("Authorization", "Bearer " + org.key()).exchange()
                        .expectStatus().isOk()
                        .expectBody().jsonPath("$.data.usage").value(usage ->
                                assertThat(new BigDecimal(usage.toString()))
                                        .isEqualByComparingTo(new BigDecimal(served * CHARGE_NANOS).movePointLeft(9))));
        awaitBalance(org, BALANCE_NANOS - served * CHARGE_NANOS);
        assertThat(served * CHARGE_NANOS).isLessThanOrEqualTo(limitNanos);
    }

    @Test
    void aKeyAtItsLimitGets402InOpenRoutersShapeWhileTheOrganisationStillHasCredit() {
        Org org = org("limit-hit", Map.of("name", "tiny", "limit", new BigDecimal(CHARGE_NANOS).movePointLeft(9),
                "limit_reset", "daily"));
        chat(org, "test/alpha-model").expectStatus().isOk();
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                chat(org, "test/alpha-model").expectStatus().isEqualTo(402)
                        .expectBody()
                        .jsonPath("$.error.code").isEqualTo(402)
                        .jsonPath("$.error.message").value(m -> assertThat((String) m).contains("API key's credit limit"))
                        .jsonPath("$.error.metadata.limit_remaining_usd").isEqualTo(0));
        // the organisation's balance was charged once, and the refused request held nothing
        awaitBalance(org, BALANCE_NANOS - CHARGE_NANOS);
        assertThat(redis.opsForValue().get(prefix.value() + "keyheld:" + org.keyHash()).block()).isEqualTo("0");
    }

    @Test
    void aFailedOrganisationHoldFreesTheKeysHold() {
        Org org = org("limit-org-hold-fails", Map.of("name", "held", "limit", 1));
        // a balance the hold script cannot read makes the organisation's hold fail, as a Redis error would
        redis.opsForValue().set(prefix.keys().balance(org.id()), "unreadable").block();

        chat(org, "test/alpha-model").expectStatus().is5xxServerError();

        assertThat(redis.opsForValue().get(prefix.value() + "keyheld:" + org.keyHash()).block()).isEqualTo("0");
    }

    @Test
    void aLimitTooSmallForTheRequestsWorstCaseIsRefusedBeforeAnyUpstreamCall() {
        Org org = org("limit-small", Map.of("name", "small", "limit", 0.001));
        int before = PROVIDERS.keysReceived.size();
        chat(org, "test/alpha-model").expectStatus().isEqualTo(402)
                .expectBody().jsonPath("$.error.message").value(m -> assertThat((String) m).contains("lower max_tokens"));
        assertThat(PROVIDERS.keysReceived).hasSize(before);
    }

    @Test
    void aDisabledKeyIsRefusedWith401() {
        Org org = org("limit-disabled", Map.of("name", "off"));
        web.patch().uri("/api/v1/keys/" + org.keyHash())
                .cookie("SESSION", org.browser().session()).cookie("XSRF-TOKEN", org.browser().xsrf())
                .header("X-XSRF-TOKEN", org.browser().xsrf())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("disabled", true))
                .exchange().expectStatus().isOk();
        chat(org, "test/alpha-model").expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.error.code").isEqualTo(401);
    }

    @Test
    void byokUsageCountsAgainstTheLimitOnlyWhenTheKeySaysSo() {
        // the BYOK fee of one request (about $0.0002) fits $0.001; its list value (about $0.004) does not
        Org excluded = org("limit-byok-out", Map.of("name", "byok-out", "limit", 0.001));
        Org included = org("limit-byok-in", Map.of("name", "byok-in", "limit", 0.001, "include_byok_in_limit", true));
        for (Org org : List.of(excluded, included)) {
            post(org.browser(), "/api/v1/byok").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("provider", "alpha", "key", "sk-limit-0123456789", "priority", "always"))
                    .exchange().expectStatus().isCreated();
        }

        chat(excluded, "test/alpha-model").expectStatus().isOk().expectBody().jsonPath("$.usage.is_byok").isEqualTo(true);
        chat(included, "test/alpha-model").expectStatus().isEqualTo(402)
                .expectBody().jsonPath("$.error.message").value(m -> assertThat((String) m).contains("API key's limit"));
    }
}
