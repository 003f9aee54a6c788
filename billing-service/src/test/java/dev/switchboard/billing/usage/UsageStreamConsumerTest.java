package dev.switchboard.billing.usage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.ReactiveStreamOperations;

import dev.switchboard.billing.BillingServiceTest;
import dev.switchboard.contracts.RedisKeys;
import dev.switchboard.contracts.billing.CreditsView;
import dev.switchboard.contracts.billing.GrantRequest;
import dev.switchboard.contracts.billing.OpenAccountRequest;
import dev.switchboard.contracts.billing.UsageEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class UsageStreamConsumerTest extends BillingServiceTest {

    private static final Duration POSTED_WITHIN = Duration.ofSeconds(10);

    @Autowired
    private UsageStreamConsumer consumer;

    @Test
    void usageEventIsPostedWithItsLegsAndOpensTheAccountItNeeds() {
        UUID org = UUID.randomUUID();
        String generation = "gen-" + UUID.randomUUID();

        append(usage(generation, org, 700, 50, 0));

        JsonNode legs = awaitLegs(generation, 2);
        assertThat(legs.get(0).get("id").asString()).isEqualTo(generation + ":fee");
        assertThat(legs.get(0).get("kind").asString()).isEqualTo("usage_fee");
        assertThat(legs.get(0).get("debit").asString()).isEqualTo("org:" + org);
        assertThat(legs.get(0).get("credit").asString()).isEqualTo("platform:fees");
        assertThat(legs.get(0).get("amountNanos").asLong()).isEqualTo(50);
        assertThat(legs.get(1).get("id").asString()).isEqualTo(generation + ":upstream");
        assertThat(legs.get(1).get("credit").asString()).isEqualTo("platform:upstream");
        assertThat(legs.get(1).get("amountNanos").asLong()).isEqualTo(700);
        assertThat(credits(org)).isEqualTo(new CreditsView(org, 0, 750, -750));
        assertThat(redis.hasKey(keys.balance(org)).block())
                .as("posting never touches the Redis balance; api-service debited it at settle time")
                .isFalse();
    }

    @Test
    void balanceRebuiltAfterARedisFlushIsCreditsMinusPostedUsage() {
        UUID org = UUID.randomUUID();
        internal().post().uri("/internal/accounts")
                .bodyValue(new OpenAccountRequest(org))
                .exchange()
                .expectStatus().isOk();
        internal().post().uri("/internal/grants")
                .bodyValue(new GrantRequest("grant-" + UUID.randomUUID(), org, 3 * USD, null))
                .exchange()
                .expectStatus().isOk();
        String generation = "gen-" + UUID.randomUUID();
        append(usage(generation, org, USD / 2, USD / 10, 0));
        awaitLegs(generation, 2);
        redis.delete(keys.balance(org), keys.credited(org)).block();

        Long synced = internal().post().uri("/internal/orgs/{org}/balance/sync", org)
                .exchange()
                .expectStatus().isOk()
                .expectBody(Long.class)
                .returnResult()
                .getResponseBody();

        assertThat(synced).isEqualTo(3 * USD - USD / 2 - USD / 10);
        assertThat(redis.opsForValue().get(keys.balance(org)).block()).isEqualTo(Long.toString(synced));
    }

    @Test
    void byokUsageIsPostedAsTheByokFeeOnly() {
        UUID org = UUID.randomUUID();
        String generation = "gen-" + UUID.randomUUID();

        append(usage(generation, org, 0, 0, 42));

        JsonNode legs = awaitLegs(generation, 1);
        assertThat(legs.get(0).get("id").asString()).isEqualTo(generation + ":byok_fee");
        assertThat(legs.get(0).get("credit").asString()).isEqualTo("platform:byok_fees");
        assertThat(credits(org).totalUsageNanos()).isEqualTo(42);
    }

    @Test
    void duplicateUsageEventIsPostedOnce() {
        UUID org = UUID.randomUUID();
        String generation = "gen-" + UUID.randomUUID();
        UsageEvent event = usage(generation, org, 1_000, 100, 0).event();

        append(event);
        append(event);
        String marker = "gen-" + UUID.randomUUID();
        append(usage(marker, org, 1, 0, 0));

        // The stream is consumed in order: once the later marker is posted, both copies were seen.
        awaitLegs(marker, 1);
        assertThat(legs(generation)).hasSize(2);
        assertThat(credits(org).totalUsageNanos()).isEqualTo(1_101);
        awaitNothingPending();
    }

    @Test
    void burstLargerThanABatchIsPostedCompletely() {
        UUID org = UUID.randomUUID();
        int events = 250;

        Flux.range(0, events)
                .concatMap(i -> stream().add(keys.usageStream(), Map.of(RedisKeys.USAGE_FIELD,
                        json.writeValueAsString(usage("gen-" + UUID.randomUUID(), org, 1_000, 10, 0).event()))))
                .blockLast();

        await().atMost(POSTED_WITHIN).untilAsserted(() -> assertThat(credits(org).totalUsageNanos())
                .isEqualTo(events * 1_010L));
        awaitNothingPending();
    }

    @Test
    void entriesAbandonedByACrashedConsumerAreClaimedAndPostedOnce() throws InterruptedException {
        UUID org = UUID.randomUUID();
        int abandoned = 30; // more than one page of the pending list (batch-size 20 in these tests)
        stopConsumer();
        try {
            for (int i = 0; i < abandoned; i++) {
                append(usage("gen-" + UUID.randomUUID(), org, 2_000, 200, 0));
            }
            // Another billing-service read the entries, then died before posting or acknowledging them.
            assertThat(readAs("billing-crashed-1", abandoned)).hasSize(abandoned);
        } finally {
            consumer.start();
        }

        await().atMost(POSTED_WITHIN).untilAsserted(() -> assertThat(credits(org).totalUsageNanos())
                .isEqualTo(abandoned * 2_200L));
        awaitNothingPending();
    }

    @Test
    void ownEntryLeftUnacknowledgedByAKilledProcessIsPostedAfterRestart() throws InterruptedException {
        UUID org = UUID.randomUUID();
        String generation = "gen-" + UUID.randomUUID();
        stopConsumer();
        try {
            append(usage(generation, org, 300, 30, 0));
            // This very consumer read the entry and was killed before it acknowledged it.
            assertThat(readAs(consumer.name(), 10)).hasSize(1);
        } finally {
            consumer.start();
        }

        awaitLegs(generation, 2);
        awaitNothingPending();
        assertThat(credits(org).totalUsageNanos()).isEqualTo(330);
    }

    @Test
    void malformedEntriesAreDeadLetteredWithoutBlockingTheStream() {
        UUID org = UUID.randomUUID();
        long deadBefore = deadLetterLength();
        stream().add(keys.usageStream(), Map.of(RedisKeys.USAGE_FIELD, "{not json")).block();
        stream().add(keys.usageStream(), Map.of("something", "else")).block();
        append(usage("gen-" + UUID.randomUUID(), org, 10, 1, 0).withTotal(5));
        String valid = "gen-" + UUID.randomUUID();

        append(usage(valid, org, 10, 1, 0));

        awaitLegs(valid, 2);
        awaitNothingPending();
        assertThat(deadLetterLength()).isEqualTo(deadBefore + 3);
        List<MapRecord<String, String, String>> dead = stream()
                .reverseRange(keys.usageStream() + ":dead", Range.unbounded())
                .take(3)
                .collectList()
                .block();
        assertThat(dead).extracting(entry -> entry.getValue().get("reason"))
                .anySatisfy(reason -> assertThat(reason).contains("totalNanos"))
                .anySatisfy(reason -> assertThat(reason).contains("no 'event' field"))
                .anySatisfy(reason -> assertThat(reason).startsWith("not a UsageEvent"));
        assertThat(dead).extracting(entry -> entry.getValue().get(RedisKeys.USAGE_FIELD)).contains("{not json");
        assertThat(credits(org).totalUsageNanos()).isEqualTo(11);
    }

    private void stopConsumer() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        consumer.stop(stopped::countDown);
        assertThat(stopped.await(10, TimeUnit.SECONDS)).as("consumer stops within its poll interval").isTrue();
    }

    private List<MapRecord<String, String, String>> readAs(String consumerName, int count) {
        return stream().read(Consumer.from(RedisKeys.BILLING_GROUP, consumerName),
                        StreamReadOptions.empty().count(count),
                        StreamOffset.create(keys.usageStream(), ReadOffset.lastConsumed()))
                .collectList()
                .block();
    }

    private void awaitNothingPending() {
        await().atMost(POSTED_WITHIN).untilAsserted(() -> assertThat(
                stream().pending(keys.usageStream(), RedisKeys.BILLING_GROUP).block().getTotalPendingMessages())
                .isZero());
    }

    private long deadLetterLength() {
        return stream().size(keys.usageStream() + ":dead").block();
    }

    private ReactiveStreamOperations<String, String, String> stream() {
        return redis.opsForStream();
    }

    private void append(UsageEvent event) {
        stream().add(keys.usageStream(), Map.of(RedisKeys.USAGE_FIELD, json.writeValueAsString(event))).block();
    }

    private JsonNode awaitLegs(String generation, int count) {
        await().atMost(POSTED_WITHIN).until(() -> legs(generation).size() == count);
        return legs(generation);
    }

    private JsonNode legs(String generation) {
        return internal().get().uri("/internal/generations/{id}/transfers", generation)
                .exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    /** A settled generation as api-service appends it; {@code totalNanos} is the sum of the legs. */
    private static Usage usage(String generationId, UUID orgId, long upstreamNanos, long feeNanos, long byokFeeNanos) {
        return new Usage(generationId, orgId, upstreamNanos, feeNanos, byokFeeNanos,
                upstreamNanos + feeNanos + byokFeeNanos);
    }

    private record Usage(String generationId, UUID orgId, long upstreamNanos, long feeNanos, long byokFeeNanos,
                         long totalNanos) {

        Usage withTotal(long otherTotalNanos) {
            return new Usage(generationId, orgId, upstreamNanos, feeNanos, byokFeeNanos, otherTotalNanos);
        }

        UsageEvent event() {
            Instant now = Instant.now();
            boolean byok = byokFeeNanos > 0;
            return new UsageEvent(generationId, orgId, UUID.randomUUID(), "key-hash", "openai/gpt-4o-mini", "openai",
                    "ep-1", "gpt-4o-mini", byok, true, false, "stop", 120, 40, 0, 0, 0,
                    "0.00000015", "0.0000006", "0", "0", "0", upstreamNanos + feeNanos, upstreamNanos, feeNanos,
                    byokFeeNanos, totalNanos, totalNanos * 2, 900, 800, 120, "api", now.minusSeconds(1), now, UsageEvent.API_CHAT);
        }
    }

    private void append(Usage usage) {
        append(usage.event());
    }
}
