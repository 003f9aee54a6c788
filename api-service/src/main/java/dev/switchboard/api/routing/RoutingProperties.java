package dev.switchboard.api.routing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How requests are routed and failed over ({@code switchboard.routing.*}). Upstream timeouts
 * (connect, first byte, idle between chunks, total) are {@code switchboard.upstream.*}.
 *
 * @param maxAttempts          endpoints tried at most per request, across all its models
 * @param failoverWindow       no new attempt starts once this much time has passed since the request
 *                             began: a client should not wait for a fifth try after a minute
 * @param outageWindow         how far back a "significant outage" is looked for
 * @param outageMinFailures    failures within the window that make an outage…
 * @param outageFailureRatio   …when they are at least this share of the window's attempts
 * @param breakerFailures      consecutive failures that open an endpoint's circuit
 * @param breakerOpenFor       how long an opened circuit ejects the endpoint before one probe may pass
 * @param breakerMaxOpenFor    the cap of the back-off, which doubles with each failed probe
 * @param stickyTtl            a sticky route lives this long after its last use
 * @param statsSamples         recent attempts per endpoint behind its latency and throughput percentiles
 */
@ConfigurationProperties("switchboard.routing")
public record RoutingProperties(@DefaultValue("5") int maxAttempts,
                                @DefaultValue("60s") Duration failoverWindow,
                                @DefaultValue("30s") Duration outageWindow,
                                @DefaultValue("3") int outageMinFailures,
                                @DefaultValue("0.5") double outageFailureRatio,
                                @DefaultValue("5") int breakerFailures,
                                @DefaultValue("30s") Duration breakerOpenFor,
                                @DefaultValue("5m") Duration breakerMaxOpenFor,
                                @DefaultValue("10m") Duration stickyTtl,
                                @DefaultValue("64") int statsSamples) {

    public static final RoutingProperties DEFAULTS = new RoutingProperties(5, Duration.ofSeconds(60),
            Duration.ofSeconds(30), 3, 0.5, 5, Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(10), 64);

    public RoutingProperties {
        if (maxAttempts < 1 || outageMinFailures < 1 || breakerFailures < 1 || statsSamples < 1
                || outageFailureRatio <= 0 || outageFailureRatio > 1 || outageWindow.toSeconds() < 1) {
            throw new IllegalArgumentException("switchboard.routing: max-attempts, outage-min-failures, breaker-failures "
                    + "and stats-samples must be positive, outage-failure-ratio in (0, 1], outage-window at least 1s");
        }
    }
}
