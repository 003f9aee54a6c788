package dev.switchboard.api.credit;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import dev.switchboard.api.platform.RedisPrefix;
import dev.switchboard.contracts.RedisKeys;
import dev.switchboard.testing.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hold sweeper against a real Redis, over one shared Lettuce connection as in the service, with a
 * short command timeout: a sweep that stalled the connection fails here with a timeout instead of
 * passing a minute late.
 */
class HoldSweeperTest {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);
    private static final int EXPIRED_HOLDS = 300;
    private static final long HOLD_NANOS = 1_000;

    private static LettuceConnectionFactory factory;
    private static ReactiveStringRedisTemplate redis;
    private static RedisKeys keys;
    private static CreditHolds holds;
    private static HoldSweeper sweeper;

    @BeforeAll
    static void connect() {
        factory = CreditTestWiring.connect(COMMAND_TIMEOUT);
        redis = new ReactiveStringRedisTemplate(factory);
        RedisPrefix prefix = new RedisPrefix(TestInfrastructure.redisPrefix() + "sweeper:");
        keys = prefix.keys();
        // A hold TTL of zero: every hold is due for the sweeper as soon as it is taken.
        holds = CreditTestWiring.creditHolds(redis, prefix, Duration.ZERO);
        sweeper = new HoldSweeper(redis, prefix, holds);
    }

    @AfterAll
    static void disconnect() {
        factory.destroy();
    }

    @Test
    void aSweepOfManyExpiredHoldsReleasesThemAllWithoutStallingTheSharedConnection() {
        UUID org = UUID.randomUUID();
        long balance = EXPIRED_HOLDS * HOLD_NANOS;
        redis.opsForValue().set(keys.balance(org), Long.toString(balance)).block();
        Long held = Flux.range(0, EXPIRED_HOLDS)
                .flatMap(i -> holds.hold(org, "gen-" + UUID.randomUUID(), HOLD_NANOS), 16)
                .filter(HoldOutcome.Held.class::isInstance)
                .count()
                .block();
        assertThat(held).isEqualTo(EXPIRED_HOLDS);

        // Some hundreds of members make the range reply arrive in several reads, which is what stalled
        // the connection when each member was released while the range was still being read: the
        // range then failed with a command timeout. The bound below only limits a slow machine.
        assertThat(sweeper.sweepOnce().block(Duration.ofMinutes(1))).isEqualTo(EXPIRED_HOLDS);

        assertThat(redis.opsForZSet().size(keys.holdExpiries()).block()).isZero();
        assertThat(redis.opsForValue().get(keys.held(org)).block()).isEqualTo("0");
        assertThat(redis.opsForValue().get(keys.balance(org)).block()).isEqualTo(Long.toString(balance));
    }
}
