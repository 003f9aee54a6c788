package dev.switchboard.api.credit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import dev.switchboard.api.platform.RedisPrefix;
import dev.switchboard.contracts.RedisKeys;
import dev.switchboard.contracts.billing.UsageEvent;
import dev.switchboard.testing.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/** Holds and settlement against a real Redis, under this test JVM's own key prefix. */
class CreditHoldsTest {

    private static LettuceConnectionFactory factory;
    private static ReactiveStringRedisTemplate redis;
    private static CreditHolds holds;
    private static RedisKeys keys;

    @BeforeAll
    static void connect() {
        factory = CreditTestWiring.connect(Duration.ofMinutes(1));
        redis = new ReactiveStringRedisTemplate(factory);
        RedisPrefix prefix = new RedisPrefix(TestInfrastructure.redisPrefix() + "holds:");
        keys = prefix.keys();
        holds = CreditTestWiring.creditHolds(redis, prefix, Duration.ofMinutes(15));
    }

    @AfterAll
    static void disconnect() {
        factory.destroy();
    }

    private static UUID orgWithBalance(long nanos) {
        UUID org = UUID.randomUUID();
        redis.opsForValue().set(keys.balance(org), Long.toString(nanos)).block();
        return org;
    }

    private static long value(String key) {
        String v = redis.opsForValue().get(key).block();
        return v == null ? 0 : Long.parseLong(v);
    }

    private static UsageEvent event(UUID org, String generation, long total) {
        Instant now = Instant.now();
        return new UsageEvent(generation, org, null, null, "sim/lynx-mini", "sim", "e1", "lynx-mini", false, true,
                false, "stop", 10, 5, 0, 0, 0, "0.0000001", "0.0000004", "0", "0", "0", total, total, 0, 0, total,
                1_000, 5, 5, 1, null, now, now, UsageEvent.API_CHAT);
    }

    @Test
    void holdReservesCreditAndSettleDebitsTheActualChargeAndHandsItOn() {
        UUID org = orgWithBalance(10_000);
        Long streamBefore = redis.opsForStream().size(keys.usageStream()).block();

        HoldOutcome outcome = holds.hold(org, "gen-1", 4_000).block();
        assertThat(outcome).isEqualTo(new HoldOutcome.Held(4_000, 6_000));
        assertThat(value(keys.held(org))).isEqualTo(4_000);

        assertThat(holds.settle(event(org, "gen-1", 1_234)).block()).isTrue();

        assertThat(value(keys.balance(org))).isEqualTo(10_000 - 1_234);
        assertThat(value(keys.held(org))).isZero();
        assertThat(redis.opsForHash().size(keys.holds(org)).block()).isZero();
        assertThat(redis.opsForStream().size(keys.usageStream()).block()).isEqualTo(streamBefore + 1);
    }

    @Test
    void settlingTheSameGenerationTwiceChargesOnce() {
        UUID org = orgWithBalance(10_000);
        holds.hold(org, "gen-twice", 5_000).block();

        assertThat(holds.settle(event(org, "gen-twice", 2_000)).block()).isTrue();
        assertThat(holds.settle(event(org, "gen-twice", 2_000)).block()).isFalse();

        assertThat(value(keys.balance(org))).isEqualTo(8_000);
    }

    @Test
    void aHoldLargerThanTheAvailableCreditIsRefusedWithWhatIsAvailable() {
        UUID org = orgWithBalance(10_000);
        holds.hold(org, "gen-a", 7_000).block();

        assertThat(holds.hold(org, "gen-b", 4_000).block()).isEqualTo(new HoldOutcome.Insufficient(3_000));
        assertThat(holds.release(org, "gen-a").block()).isTrue();
        assertThat(holds.hold(org, "gen-b", 4_000).block()).isInstanceOf(HoldOutcome.Held.class);
    }

    @Test
    void aBalanceAtOrBelowZeroAdmitsNothingNotEvenAFreeRequest() {
        UUID org = orgWithBalance(0);

        assertThat(holds.hold(org, "gen-free", 0).block()).isEqualTo(new HoldOutcome.Insufficient(0));
    }

    @Test
    void twoHundredConcurrentHoldsAgainstABalanceForTenAdmitExactlyTen() {
        UUID org = orgWithBalance(10 * 1_000);

        List<HoldOutcome> outcomes = Flux.range(0, 200)
                .parallel(16)
                .runOn(Schedulers.parallel())
                .flatMap(i -> holds.hold(org, "gen-c" + i, 1_000))
                .sequential()
                .collectList()
                .block();

        assertThat(outcomes).hasSize(200);
        assertThat(outcomes.stream().filter(HoldOutcome.Held.class::isInstance)).hasSize(10);
        assertThat(value(keys.held(org))).isEqualTo(10_000);
    }
}
