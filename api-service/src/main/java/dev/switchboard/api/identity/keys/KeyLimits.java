package dev.switchboard.api.identity.keys;

import java.time.Clock;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.switchboard.api.identity.Caller;

/**
 * What inference needs to enforce a key's limit: the limit in its current UTC period (from the key
 * cache, no query) and, when the Redis counter for that period is missing, what the key has already
 * been charged in it (from the generation records).
 */
@Component
public class KeyLimits {

    private final ApiKeyAuthenticator keys;
    private final KeyUsageReader usage;
    private final Clock clock;

    KeyLimits(ApiKeyAuthenticator keys, KeyUsageReader usage, ObjectProvider<Clock> clock) {
        this.keys = keys;
        this.usage = usage;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** The caller's key limit; empty for a session or an unlimited key. */
    public Mono<KeyLimit> of(Caller caller) {
        if (caller.keyHash() == null || caller.keyLimitNanos() == null) {
            return Mono.empty();
        }
        return keys.cached(caller.keyHash())
                .filter(key -> key.limitNanos() != null)
                .map(this::limit);
    }

    /** What counts against {@code limit} in its period so far, from the charged generation records. */
    public Mono<Long> countedInPeriod(KeyLimit limit) {
        return keys.cached(limit.keyHash())
                .flatMap(key -> usage.usage(key).map(spent -> spent.countedAgainstLimit(key)))
                .defaultIfEmpty(0L);
    }

    private KeyLimit limit(ApiKey key) {
        UsageWindows windows = UsageWindows.at(clock);
        return new KeyLimit(key.hash(), key.limitNanos(), key.includeByokInLimit(), windows.periodStart(key.limitReset()),
                windows.periodEnd(key.limitReset()));
    }
}
