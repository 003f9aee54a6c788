package dev.switchboard.catalog.availability;

import java.time.Duration;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The current windows of all endpoints, recomputed at most every {@link #FRESHNESS} (one SQL pass
 * over a day of attempts), so listing endpoints never queries per request. A failed computation is
 * not cached; the next read tries again.
 */
@Component
public class AvailabilityWindows {

    static final Duration FRESHNESS = Duration.ofSeconds(10);

    private final AttemptLog attempts;
    private volatile Mono<Map<String, EndpointStats>> cached;

    AvailabilityWindows(AttemptLog attempts) {
        this.attempts = attempts;
        this.cached = compute();
    }

    /** Per endpoint id; an endpoint without attempts in the last day is absent. */
    public Mono<Map<String, EndpointStats>> current() {
        return cached;
    }

    /** Drops the cached windows, so the next read sees attempts just recorded. */
    void invalidate() {
        cached = compute();
    }

    private Mono<Map<String, EndpointStats>> compute() {
        return attempts.prune()
                .then(attempts.windows())
                .cache(windows -> FRESHNESS, error -> Duration.ZERO, () -> Duration.ZERO);
    }
}
