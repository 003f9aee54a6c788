package dev.switchboard.api.credit;

import java.time.Duration;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

import dev.switchboard.api.platform.RedisPrefix;
import dev.switchboard.contracts.RedisKeys;

/**
 * Expires holds whose request never settled (the instance died mid-request): every 30 s, holds past
 * their expiry are released so the credit they reserved becomes spendable again. Any instance may
 * sweep; release is idempotent.
 */
@Component
class HoldSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HoldSweeper.class);
    private static final Duration INTERVAL = Duration.ofSeconds(30);
    private static final int BATCH = 1_000;

    private final ReactiveStringRedisTemplate redis;
    private final RedisKeys keys;
    private final CreditHolds holds;
    private volatile Disposable running;

    HoldSweeper(ReactiveStringRedisTemplate redis, RedisPrefix prefix, CreditHolds holds) {
        this.redis = redis;
        this.keys = prefix.keys();
        this.holds = holds;
    }

    /**
     * Releases the holds that are due, at most {@value #BATCH} per sweep.
     *
     * <p>The due members are collected before the first release, and that is load-bearing: every
     * Redis command of this instance shares one Lettuce connection, and while a streamed reply has
     * elements its subscriber has not asked for, Lettuce stops reading that connection. Releasing
     * member by member straight off the range ({@code concatMap} asks for one member, then waits for
     * its release) left the release's reply unread behind the rest of the range, and every command
     * of the instance waited for the command timeout.
     */
    Mono<Long> sweepOnce() {
        Range<Double> due = Range.closed(0d, (double) System.currentTimeMillis());
        return redis.opsForZSet().rangeByScore(keys.holdExpiries(), due, Limit.limit().count(BATCH))
                .collectList()
                .flatMapMany(Flux::fromIterable)
                .concatMap(this::expire)
                .filter(Boolean::booleanValue)
                .count();
    }

    private Mono<Boolean> expire(String member) {
        int bar = member.indexOf('|');
        UUID org = UUID.fromString(member.substring(0, bar));
        String generation = member.substring(bar + 1);
        return holds.release(org, generation)
                .flatMap(released -> redis.opsForZSet().remove(keys.holdExpiries(), member).thenReturn(released))
                .doOnNext(released -> {
                    if (released) {
                        log.warn("Hold of generation {} expired unsettled and was released", generation);
                    }
                });
    }

    @Override
    public void start() {
        // concatMap asks for one tick at a time: without dropping the ticks that come while a sweep
        // runs, one slow sweep overflows the interval and ends the sweeper for good.
        running = Flux.interval(INTERVAL)
                .onBackpressureDrop()
                .concatMap(tick -> sweepOnce().onErrorResume(e -> {
                    log.warn("Hold sweep failed: {}", e.toString());
                    return Mono.empty();
                }))
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable d = running;
        if (d != null) {
            d.dispose();
        }
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
