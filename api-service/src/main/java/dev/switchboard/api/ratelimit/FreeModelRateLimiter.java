package dev.switchboard.api.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.switchboard.api.error.ApiException;
import dev.switchboard.api.identity.Usd;
import dev.switchboard.api.platform.RedisPrefix;

/**
 * The {@code :free} model allowance: per organisation, {@code perMinute} requests per UTC minute and
 * {@code perDay} per UTC day ({@code perDayAfterPurchase} once it has bought enough credit).
 *
 * <p>Both windows are fixed UTC windows counted in Redis by one Lua script that checks both counters
 * and increments both only when neither is exhausted — atomic, so every api-service instance shares
 * one allowance and a refused request consumes nothing. When both are exhausted the refusal names the
 * day, whose reset is the later one, so a client that waits for it is not refused again. Unlike spring-cloud-gateway's limiter this
 * one does not fail open: a Redis error fails the request (503), because the allowance is a promise
 * to the free models' upstreams, not only a courtesy.
 */
@Component
public class FreeModelRateLimiter {

    private static final RedisScript<List> ADMIT = RedisScript.of("""
            local m = tonumber(redis.call('GET', KEYS[1]) or '0')
            local d = tonumber(redis.call('GET', KEYS[2]) or '0')
            if d >= tonumber(ARGV[2]) then return {0, 2, m, d} end
            if m >= tonumber(ARGV[1]) then return {0, 1, m, d} end
            m = redis.call('INCR', KEYS[1])
            if m == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
            d = redis.call('INCR', KEYS[2])
            if d == 1 then redis.call('PEXPIRE', KEYS[2], ARGV[4]) end
            return {1, 0, m, d}
            """, List.class);

    /** Counters outlive their window by this much, so a clock a little behind Redis's never sees one vanish early. */
    private static final Duration TTL_MARGIN = Duration.ofSeconds(5);

    private final ReactiveStringRedisTemplate redis;
    private final String prefix;
    private final FreeModelProperties properties;
    private final Function<UUID, Mono<Long>> purchasedNanos;
    private final long thresholdNanos;
    private final Clock clock;

    @Autowired
    FreeModelRateLimiter(ReactiveStringRedisTemplate redis, RedisPrefix prefix, FreeModelProperties properties,
                         OrgPurchases purchases, ObjectProvider<Clock> clock) {
        this(redis, prefix.value(), properties, purchases::purchasedNanos, clock.getIfAvailable(Clock::systemUTC));
    }

    FreeModelRateLimiter(ReactiveStringRedisTemplate redis, String prefix, FreeModelProperties properties,
                         Function<UUID, Mono<Long>> purchasedNanos, Clock clock) {
        this.redis = redis;
        this.prefix = prefix;
        this.properties = properties;
        this.purchasedNanos = purchasedNanos;
        this.thresholdNanos = Usd.toNanosExact(properties.purchaseThresholdUsd());
        this.clock = clock;
    }

    /**
     * Counts one free request of {@code orgId}; a 429 with {@code Retry-After} and {@code X-RateLimit-*}
     * (the exhausted window, {@code Remaining: 0}) when over.
     */
    public Mono<Allowance> admit(UUID orgId) {
        return purchasedNanos.apply(orgId)
                .map(bought -> bought >= thresholdNanos ? properties.perDayAfterPurchase() : properties.perDay())
                .flatMap(perDay -> count(orgId, perDay));
    }

    private Mono<Allowance> count(UUID orgId, int perDay) {
        Instant now = clock.instant();
        Instant minuteEnd = now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        Instant dayEnd = now.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        String minuteKey = prefix + "free:" + orgId + ":m:" + minuteEnd.getEpochSecond();
        String dayKey = prefix + "free:" + orgId + ":d:" + dayEnd.getEpochSecond();
        return redis.execute(ADMIT, List.of(minuteKey, dayKey), List.of(
                        Integer.toString(properties.perMinute()), Integer.toString(perDay),
                        Long.toString(Duration.between(now, minuteEnd).plus(TTL_MARGIN).toMillis()),
                        Long.toString(Duration.between(now, dayEnd).plus(TTL_MARGIN).toMillis())))
                .next()
                .flatMap(result -> {
                    long admitted = ((Number) result.get(0)).longValue();
                    long window = ((Number) result.get(1)).longValue();
                    long minuteCount = ((Number) result.get(2)).longValue();
                    long dayCount = ((Number) result.get(3)).longValue();
                    if (admitted == 1) {
                        return Mono.just(new Allowance(properties.perMinute(), properties.perMinute() - minuteCount,
                                minuteEnd, perDay, perDay - dayCount, dayEnd));
                    }
                    return window == 1
                            ? Mono.error(tooMany(now, "minute", properties.perMinute(), minuteEnd))
                            : Mono.error(tooMany(now, "day", perDay, dayEnd));
                });
    }

    private static ApiException tooMany(Instant now, String window, int limit, Instant reset) {
        HttpHeaders headers = new HttpHeaders();
        long untilResetMs = Duration.between(now, reset).toMillis();
        long retryAfterSeconds = Math.max(1, (untilResetMs + 999) / 1000); // whole seconds, rounded up
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        describe(headers, limit, 0, reset);
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, "Rate limit exceeded: free-models-per-" + window
                + " (" + limit + " requests per " + window + "). Add credits to raise the daily limit.",
                Map.of("limit", limit, "window", window, "reset_ms", reset.toEpochMilli()), headers);
    }

    /** {@code X-RateLimit-Limit}, {@code -Remaining} and {@code -Reset} (when the window ends, in epoch milliseconds). */
    private static void describe(HttpHeaders headers, int limit, long remaining, Instant reset) {
        headers.set("X-RateLimit-Limit", Integer.toString(limit));
        headers.set("X-RateLimit-Remaining", Long.toString(remaining));
        headers.set("X-RateLimit-Reset", Long.toString(reset.toEpochMilli()));
    }

    /** What is left after an admitted request, per window; {@code *Reset} is when the window ends. */
    public record Allowance(int minuteLimit, long minuteRemaining, Instant minuteReset,
                            int dayLimit, long dayRemaining, Instant dayReset) {

        /**
         * Sets {@code X-RateLimit-*} to the window that runs out first: the one with fewer requests
         * left, the day on a tie (its reset is later, so it is the one that keeps the client waiting).
         * A client that paces itself by these headers is never refused by the other window first.
         */
        public void describeIn(HttpHeaders headers) {
            if (dayRemaining <= minuteRemaining) {
                describe(headers, dayLimit, dayRemaining, dayReset);
            } else {
                describe(headers, minuteLimit, minuteRemaining, minuteReset);
            }
        }
    }
}
