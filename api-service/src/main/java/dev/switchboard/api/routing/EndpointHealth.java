package dev.switchboard.api.routing;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.switchboard.api.availability.AttemptObserver;
import dev.switchboard.contracts.catalog.AttemptOutcome;

/**
 * This instance's view of each endpoint's health, from the attempts it has made: circuit
 * breakers, the outage window and recent latency and throughput.
 *
 * <p><b>Per instance, not in Redis</b>, by decision: the breaker is consulted for every candidate
 * of every request, and keeping it in memory keeps routing free of network calls (the hot path's
 * only round trip stays the credit hold). Each instance sees a failing endpoint within its own
 * first few requests — at most {@code breaker-failures} wasted attempts per instance per back-off,
 * each of which fails over before the client's first byte. Shared state would save those few
 * attempts at the price of a Redis call per request and a new failure mode (Redis slow → routing
 * slow). Fleet-wide history is catalog-service's job: its availability windows aggregate every
 * instance's attempts and its operator status can take an endpoint down for all.
 *
 * <p>What counts as a failure matches the catalog's uptime: no response (connect error, timeout,
 * broken stream), 5xx, 402 and credential refusals (401, 403). Client-side refusals (400, 413)
 * and rate limits (429) say nothing about the endpoint's health and leave the circuit as it is.
 */
@Component
public class EndpointHealth implements AttemptObserver {

    private final ConcurrentHashMap<String, EndpointState> states = new ConcurrentHashMap<>();
    private final RoutingProperties properties;
    private final Clock clock;

    @Autowired
    public EndpointHealth(RoutingProperties properties) {
        this(properties, Clock.systemUTC());
    }

    public EndpointHealth(RoutingProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void observe(AttemptOutcome outcome) {
        EndpointState state = state(outcome.endpointId());
        long now = clock.millis();
        int status = outcome.httpStatus();
        if (status >= 200 && status < 300) {
            state.succeeded(now);
            if (outcome.ttftMs() != null) {
                state.sample(outcome.ttftMs() / 1000.0, throughput(outcome));
            }
        } else if (isFailure(status)) {
            state.failed(now);
        }
    }

    static boolean isFailure(int status) {
        return status == 0 || status == 401 || status == 402 || status == 403 || status >= 500;
    }

    /** Output tokens per second after the first token, when there was time and output to measure. */
    private static Double throughput(AttemptOutcome outcome) {
        long generatingMs = outcome.durationMs() - outcome.ttftMs();
        if (generatingMs <= 0 || outcome.outputTokens() <= 0) {
            return null;
        }
        return outcome.outputTokens() * 1000.0 / generatingMs;
    }

    public BreakerState breaker(String endpointId) {
        EndpointState state = states.get(endpointId);
        return state == null ? BreakerState.CLOSED : state.breaker(clock.millis());
    }

    /** True when an attempt at {@code endpointId} may start now (takes the probe of a half-open circuit). */
    public boolean tryAcquire(String endpointId) {
        EndpointState state = states.get(endpointId);
        return state == null || state.tryAcquire(clock.millis());
    }

    public boolean inOutage(String endpointId) {
        EndpointState state = states.get(endpointId);
        return state != null && state.inOutage(clock.millis());
    }

    /** Recent time to first token in seconds, or null before any success. */
    public Percentiles latency(String endpointId) {
        EndpointState state = states.get(endpointId);
        return state == null ? null : state.latency();
    }

    /** Recent output tokens per second, or null before any measurable success. */
    public Percentiles throughput(String endpointId) {
        EndpointState state = states.get(endpointId);
        return state == null ? null : state.throughput();
    }

    private EndpointState state(String endpointId) {
        return states.computeIfAbsent(endpointId, id -> new EndpointState(properties));
    }
}
