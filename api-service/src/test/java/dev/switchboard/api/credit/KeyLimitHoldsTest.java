package dev.switchboard.api.credit;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import dev.switchboard.api.identity.keys.KeyLimit;
import dev.switchboard.api.platform.RedisPrefix;
import dev.switchboard.testing.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/** Key-limit holds against a real Redis, under this test JVM's own key prefix. */
class KeyLimitHoldsTest {

    private static LettuceConnectionFactory factory;
    private static KeyLimitHolds holds;

    @BeforeAll
    static void connect() {
        factory = CreditTestWiring.connect(Duration.ofMinutes(1));
        holds = new KeyLimitHolds(new ReactiveStringRedisTemplate(factory),
                new RedisPrefix(TestInfrastructure.redisPrefix() + "keylimits:"),
                new FeeProperties(BigDecimal.valueOf(5), BigDecimal.valueOf(5), Duration.ofMinutes(15)));
    }

    @AfterAll
    static void disconnect() {
        factory.destroy();
    }

    private static KeyLimit limit(String hash, long nanos, Instant periodStart) {
        return new KeyLimit(hash, nanos, false, periodStart, periodStart.plus(Duration.ofDays(1)));
    }

    @Test
    void theCounterIsSeededOnceFromWhatThePeriodAlreadySpentAndSettlesAddTheCharge() {
        String hash = UUID.randomUUID().toString();
        KeyLimit limit = limit(hash, 1_000, Instant.parse("2026-11-23T00:00:00Z"));
        AtomicInteger seeds = new AtomicInteger();

        assertThat(holds.hold(limit, "g1", 400, () -> Mono.fromSupplier(() -> { seeds.incrementAndGet(); return 300L; })).block())
                .isEqualTo(new HoldOutcome.Held(400, 300));
        assertThat(holds.hold(limit, "g2", 400, () -> Mono.fromSupplier(() -> { seeds.incrementAndGet(); return 0L; })).block())
                .isEqualTo(new HoldOutcome.Insufficient(300));
        assertThat(seeds).hasValue(1);

        assertThat(holds.settle(limit, "g1", 250).block()).isTrue();
        assertThat(holds.settle(limit, "g1", 250).block()).as("a retried settle").isFalse();
        // spent 300 + 250, nothing held: 450 left
        assertThat(holds.hold(limit, "g3", 450, Mono::empty).block()).isEqualTo(new HoldOutcome.Held(450, 0));
    }

    @Test
    void aNewPeriodStartsFromWhatItHasSpentNotFromThePreviousPeriod() {
        String hash = UUID.randomUUID().toString();
        KeyLimit today = limit(hash, 1_000, Instant.parse("2026-11-23T00:00:00Z"));
        KeyLimit tomorrow = limit(hash, 1_000, Instant.parse("2026-11-24T00:00:00Z"));

        assertThat(holds.hold(today, "a", 1_000, () -> Mono.just(0L)).block()).isInstanceOf(HoldOutcome.Held.class);
        holds.settle(today, "a", 1_000).block();
        assertThat(holds.hold(today, "b", 1, Mono::empty).block()).isEqualTo(new HoldOutcome.Insufficient(0));

        assertThat(holds.hold(tomorrow, "c", 1_000, () -> Mono.just(0L)).block()).isEqualTo(new HoldOutcome.Held(1_000, 0));
    }

    @Test
    void releasingAHoldWithoutChargeGivesTheLimitBack() {
        String hash = UUID.randomUUID().toString();
        KeyLimit limit = limit(hash, 500, Instant.parse("2026-11-23T00:00:00Z"));
        holds.hold(limit, "x", 500, () -> Mono.just(0L)).block();
        assertThat(holds.hold(limit, "y", 1, Mono::empty).block()).isInstanceOf(HoldOutcome.Insufficient.class);
        holds.settle(limit, "x", 0).block();
        assertThat(holds.hold(limit, "y", 500, Mono::empty).block()).isEqualTo(new HoldOutcome.Held(500, 0));
    }
}
