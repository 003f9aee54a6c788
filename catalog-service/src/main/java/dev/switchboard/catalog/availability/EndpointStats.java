package dev.switchboard.catalog.availability;

/**
 * One endpoint's availability windows. Uptime is a percentage of successes among successes and
 * failures, null when the window saw no counted attempt. Latency is time to first token in seconds,
 * throughput is output tokens per second after the first token; both null without samples.
 */
public record EndpointStats(Double uptimeLast5m, Double uptimeLast30m, Double uptimeLast1d,
                            Percentiles latencyLast30m, Percentiles throughputLast30m) {

    public static final EndpointStats NONE = new EndpointStats(null, null, null, null, null);

    public record Percentiles(double p50, double p75, double p90, double p99) {
    }
}
