package dev.switchboard.api.credit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import dev.switchboard.api.identity.keys.KeyLimit;
import dev.switchboard.api.platform.RedisPrefix;

/**
 * Holds against an API key's remaining limit, the way {@link CreditHolds} holds against the
 * organisation's balance, and for the same reason: one atomic Redis step across every instance, so
 * concurrent requests on one key cannot together run past its limit.
 *
 * <p>Per key and limit period, Redis keeps what the key has been charged ({@code keyspent:<hash>:<period>},
 * named by the period's start, so a new period is simply a new counter) and its open holds. The
 * counter is seeded from the generation records the first time a period is seen on this Redis (at
 * a period's start that is 0; after a Redis loss it may miss the last generations the recorder has not
 * written yet). Every settle of a period follows its own hold, which seeded the counter, so the
 * counter is never created partial.
 *
 * <p>A hold left by an instance that died expires with the key's hold set, {@code hold-ttl} after the
 * key's last hold; until then it keeps that much of the limit reserved (never more spend, only less).
 */
@Component
public class KeyLimitHolds {

    private static final RedisScript<List> HOLD = RedisScript.of("""
            local spent = redis.call('GET', KEYS[1])
            if not spent then return {-1, 0} end
            local held = tonumber(redis.call('GET', KEYS[2]) or '0')
            local remaining = tonumber(ARGV[3]) - tonumber(spent) - held
            local amount = tonumber(ARGV[2])
            if remaining <= 0 or remaining < amount then return {0, remaining} end
            redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
            redis.call('INCRBY', KEYS[2], ARGV[2])
            redis.call('PEXPIRE', KEYS[2], ARGV[4])
            redis.call('PEXPIRE', KEYS[3], ARGV[4])
            return {1, remaining - amount}
            """, List.class);

    private static final RedisScript<Long> SETTLE = RedisScript.of("""
            if not redis.call('SET', KEYS[4], '1', 'NX', 'EX', ARGV[3]) then return 0 end
            local h = redis.call('HGET', KEYS[3], ARGV[1])
            if h then
              redis.call('HDEL', KEYS[3], ARGV[1])
              redis.call('DECRBY', KEYS[2], h)
            end
            if tonumber(ARGV[2]) > 0 and redis.call('EXISTS', KEYS[1]) == 1 then
              redis.call('INCRBY', KEYS[1], ARGV[2])
            end
            return 1
            """, Long.class);

    private static final long SETTLED_MARKER_TTL_SECONDS = 7 * 24 * 3600;

    private final ReactiveStringRedisTemplate redis;
    private final String prefix;
    private final FeeProperties fees;
    private final Clock clock = Clock.systemUTC();

    public KeyLimitHolds(ReactiveStringRedisTemplate redis, RedisPrefix prefix, FeeProperties fees) {
        this.redis = redis;
        this.prefix = prefix.value();
        this.fees = fees;
    }

    /**
     * Reserves {@code amountNanos} of the key's remaining limit.
     *
     * @param counted what the key has been charged in the period, read only when Redis does not know yet
     */
    public Mono<HoldOutcome> hold(KeyLimit limit, String generationId, long amountNanos, Supplier<Mono<Long>> counted) {
        return tryHold(limit, generationId, amountNanos)
                .switchIfEmpty(Mono.defer(() -> counted.get()
                        .flatMap(spent -> redis.opsForValue().setIfAbsent(spentKey(limit), Long.toString(spent), counterTtl(limit)))
                        .then(tryHold(limit, generationId, amountNanos))))
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("key limit counter could not be seeded")));
    }

    private Mono<HoldOutcome> tryHold(KeyLimit limit, String generationId, long amountNanos) {
        return redis.execute(HOLD, List.of(spentKey(limit), heldKey(limit), holdsKey(limit)),
                        List.of(generationId, Long.toString(amountNanos), Long.toString(limit.limitNanos()),
                                Long.toString(fees.holdTtl().toMillis())))
                .next()
                .flatMap(result -> {
                    long code = ((Number) result.get(0)).longValue();
                    long remaining = ((Number) result.get(1)).longValue();
                    if (code < 0) {
                        return Mono.empty();
                    }
                    return Mono.just(code == 1 ? new HoldOutcome.Held(amountNanos, remaining)
                            : new HoldOutcome.Insufficient(remaining));
                });
    }

    /** Releases the hold and adds {@code countedNanos} to the period's counter; a second call changes nothing. */
    public Mono<Boolean> settle(KeyLimit limit, String generationId, long countedNanos) {
        return redis.execute(SETTLE, List.of(spentKey(limit), heldKey(limit), holdsKey(limit),
                        prefix + "keysettled:" + generationId),
                        List.of(generationId, Long.toString(countedNanos), Long.toString(SETTLED_MARKER_TTL_SECONDS)))
                .next()
                .map(applied -> applied == 1);
    }

    private Duration counterTtl(KeyLimit limit) {
        // kept a day past the period, so a generation held at its end still settles into it
        Instant until = limit.periodEnd() == null ? clock.instant().plus(Duration.ofDays(400)) : limit.periodEnd();
        return Duration.between(clock.instant(), until).plus(Duration.ofDays(1));
    }

    private String spentKey(KeyLimit limit) {
        return prefix + "keyspent:" + limit.keyHash() + ":" + limit.periodStart().getEpochSecond();
    }

    private String heldKey(KeyLimit limit) {
        return prefix + "keyheld:" + limit.keyHash();
    }

    private String holdsKey(KeyLimit limit) {
        return prefix + "keyholds:" + limit.keyHash();
    }
}
