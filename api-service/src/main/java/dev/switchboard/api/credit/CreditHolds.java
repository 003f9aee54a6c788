package dev.switchboard.api.credit;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import dev.switchboard.api.billing.BillingClient;
import dev.switchboard.api.platform.RedisPrefix;
import dev.switchboard.contracts.RedisKeys;
import dev.switchboard.contracts.billing.UsageEvent;

/**
 * Two-phase credit holds in Redis, one script call per phase.
 *
 * <ul>
 *   <li><b>hold</b>: reserve the worst case if balance − open holds covers it. Atomic, so 200
 *       concurrent requests against a balance that covers 10 admit at most 10.</li>
 *   <li><b>settle</b>: release the hold, debit the actual charge (≤ the hold unless a stream ran
 *       past its estimate), and append the usage event for billing-service and the generation
 *       record — all in one script, so a charge is never applied without being handed on, nor
 *       handed on twice (a settled marker makes a retried settle a no-op).</li>
 *   <li><b>release</b>: drop a hold without charge (every attempt failed before any token).</li>
 * </ul>
 *
 * <p>The balance key is a mirror of the ledger kept by billing-service (credits) and by settle
 * (charges). When it is missing — a new Redis, a flush — billing-service rebuilds it from the
 * ledger on request. Lua compares amounts as doubles, exact up to 2^53 nanos (about $9M) per
 * organisation; the mutations themselves use Redis's 64-bit integer commands.
 */
@Component
public class CreditHolds {

    private static final Logger log = LoggerFactory.getLogger(CreditHolds.class);

    private static final RedisScript<List> HOLD = RedisScript.of("""
            local bal = redis.call('GET', KEYS[1])
            if not bal then return {-1, 0} end
            local held = tonumber(redis.call('GET', KEYS[2]) or '0')
            local avail = tonumber(bal) - held
            local amount = tonumber(ARGV[2])
            if avail <= 0 or avail < amount then return {0, avail} end
            redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
            redis.call('INCRBY', KEYS[2], ARGV[2])
            redis.call('ZADD', KEYS[4], ARGV[3], ARGV[4])
            return {1, avail - amount}
            """, List.class);

    private static final RedisScript<Long> SETTLE = RedisScript.of("""
            if not redis.call('SET', KEYS[5], '1', 'NX', 'EX', ARGV[5]) then return 0 end
            local h = redis.call('HGET', KEYS[3], ARGV[1])
            if h then
              redis.call('HDEL', KEYS[3], ARGV[1])
              redis.call('DECRBY', KEYS[2], h)
              redis.call('ZREM', KEYS[4], ARGV[3])
            end
            if tonumber(ARGV[2]) > 0 and redis.call('EXISTS', KEYS[1]) == 1 then
              redis.call('DECRBY', KEYS[1], ARGV[2])
            end
            redis.call('XADD', KEYS[6], 'MAXLEN', '~', '1000000', '*', 'event', ARGV[4], 'route', ARGV[6])
            return 1
            """, Long.class);

    private static final RedisScript<Long> RELEASE = RedisScript.of("""
            local h = redis.call('HGET', KEYS[3], ARGV[1])
            if not h then return 0 end
            redis.call('HDEL', KEYS[3], ARGV[1])
            redis.call('DECRBY', KEYS[2], h)
            redis.call('ZREM', KEYS[4], ARGV[2])
            return 1
            """, Long.class);

    private static final long SETTLED_MARKER_TTL_SECONDS = 7 * 24 * 3600;

    private final ReactiveStringRedisTemplate redis;
    private final RedisKeys keys;
    private final BillingClient billing;
    private final ObjectMapper json;
    private final FeeProperties fees;
    private final Clock clock;

    public CreditHolds(ReactiveStringRedisTemplate redis, RedisPrefix prefix, BillingClient billing, ObjectMapper json,
                       FeeProperties fees) {
        this.redis = redis;
        this.keys = prefix.keys();
        this.billing = billing;
        this.json = json;
        this.fees = fees;
        this.clock = Clock.systemUTC();
    }

    /** Reserves {@code amountNanos} for generation {@code generationId} of {@code orgId}. */
    public Mono<HoldOutcome> hold(UUID orgId, String generationId, long amountNanos) {
        return tryHold(orgId, generationId, amountNanos)
                .switchIfEmpty(Mono.defer(() -> billing.syncBalance(orgId)
                        .then(tryHold(orgId, generationId, amountNanos)))
                        .switchIfEmpty(Mono.fromSupplier(() -> new HoldOutcome.Insufficient(0))));
    }

    /** Empty when the organisation has no balance key yet. */
    private Mono<HoldOutcome> tryHold(UUID orgId, String generationId, long amountNanos) {
        long expiresAt = clock.millis() + fees.holdTtl().toMillis();
        return redis.execute(HOLD, holdKeys(orgId),
                        List.of(generationId, Long.toString(amountNanos), Long.toString(expiresAt), member(orgId, generationId)))
                .next()
                .flatMap(result -> {
                    long code = ((Number) result.get(0)).longValue();
                    long available = ((Number) result.get(1)).longValue();
                    if (code < 0) {
                        return Mono.empty();
                    }
                    return Mono.just(code == 1 ? new HoldOutcome.Held(amountNanos, available)
                            : new HoldOutcome.Insufficient(available));
                });
    }

    /** Settles a generation: releases its hold, debits {@code event.totalNanos()}, hands the event on. */
    public Mono<Boolean> settle(UsageEvent event) {
        return settle(event, "{}");
    }

    /**
     * Settles as {@link #settle(UsageEvent)}, with the routing report (attempts and decision, JSON)
     * in the stream entry's {@link RedisKeys#ROUTE_FIELD} for the generation record. It travels
     * beside the usage event rather than in it: billing-service has no use for it.
     */
    public Mono<Boolean> settle(UsageEvent event, String routeReport) {
        List<String> keyList = List.of(
                keys.balance(event.orgId()), keys.held(event.orgId()), keys.holds(event.orgId()), keys.holdExpiries(),
                keys.settled(event.generationId()), keys.usageStream());
        List<String> args = List.of(event.generationId(), Long.toString(event.totalNanos()),
                member(event.orgId(), event.generationId()), json.writeValueAsString(event),
                Long.toString(SETTLED_MARKER_TTL_SECONDS), routeReport);
        return redis.execute(SETTLE, keyList, args)
                .next()
                .map(applied -> applied == 1)
                .doOnNext(applied -> {
                    if (!applied) {
                        log.warn("Generation {} was already settled; the second settle changed nothing", event.generationId());
                    }
                });
    }

    /** Drops a hold without charging (no token was produced). */
    public Mono<Boolean> release(UUID orgId, String generationId) {
        return redis.execute(RELEASE, holdKeys(orgId), List.of(generationId, member(orgId, generationId)))
                .next()
                .map(released -> released == 1);
    }

    private List<String> holdKeys(UUID orgId) {
        return List.of(keys.balance(orgId), keys.held(orgId), keys.holds(orgId), keys.holdExpiries());
    }

    static String member(UUID orgId, String generationId) {
        return orgId + "|" + generationId;
    }
}
