package dev.switchboard.api.routing;

/** Recent percentiles of one figure of one endpoint (latency in seconds, throughput in tokens/s). */
public record Percentiles(double p50, double p75, double p90, double p99) {
}
