package dev.switchboard.api.routing;

import java.util.Arrays;

/**
 * What this instance has recently seen of one endpoint: a per-second ring of successes and
 * failures (the outage window), its circuit, and the last samples of latency and throughput with
 * their percentiles. Methods are synchronized: one endpoint's attempts end at most a few thousand
 * times a second, and the critical sections are a handful of field writes (percentiles are
 * recomputed on record, so routing only reads a published record).
 */
final class EndpointState {

    private final RoutingProperties properties;
    private final int seconds;
    private final long[] bucketSecond;
    private final int[] bucketOk;
    private final int[] bucketFailed;
    private final double[] latencySamples;
    private final double[] throughputSamples;
    private int latencyCount;
    private int throughputCount;
    private int consecutiveFailures;
    private long openUntilMs;
    private long probeUntilMs;
    private long currentOpenMs;
    private volatile Percentiles latency;
    private volatile Percentiles throughput;

    EndpointState(RoutingProperties properties) {
        this.properties = properties;
        this.seconds = (int) properties.outageWindow().toSeconds();
        this.bucketSecond = new long[seconds];
        this.bucketOk = new int[seconds];
        this.bucketFailed = new int[seconds];
        this.latencySamples = new double[properties.statsSamples()];
        this.throughputSamples = new double[properties.statsSamples()];
    }

    synchronized void succeeded(long nowMs) {
        bucket(nowMs, true);
        consecutiveFailures = 0;
        openUntilMs = 0;
        probeUntilMs = 0;
        currentOpenMs = 0;
    }

    synchronized void failed(long nowMs) {
        bucket(nowMs, false);
        consecutiveFailures++;
        boolean probeFailed = openUntilMs != 0 && nowMs >= openUntilMs;
        if (probeFailed) {
            currentOpenMs = Math.min(currentOpenMs * 2, properties.breakerMaxOpenFor().toMillis());
            open(nowMs);
        } else if (openUntilMs == 0 && consecutiveFailures >= properties.breakerFailures()) {
            currentOpenMs = properties.breakerOpenFor().toMillis();
            open(nowMs);
        }
    }

    private void open(long nowMs) {
        openUntilMs = nowMs + currentOpenMs;
        probeUntilMs = 0;
    }

    synchronized BreakerState breaker(long nowMs) {
        if (openUntilMs == 0) {
            return BreakerState.CLOSED;
        }
        return nowMs < openUntilMs ? BreakerState.OPEN : BreakerState.HALF_OPEN;
    }

    /**
     * True when an attempt may start now. A half-open circuit lets one probe through, and another
     * only if that probe has not ended within a back-off period (it may have been abandoned).
     */
    synchronized boolean tryAcquire(long nowMs) {
        if (openUntilMs == 0) {
            return true;
        }
        if (nowMs < openUntilMs || nowMs < probeUntilMs) {
            return false;
        }
        probeUntilMs = nowMs + currentOpenMs;
        return true;
    }

    /** A significant outage: enough failures, and a large enough share of attempts, in the window. */
    synchronized boolean inOutage(long nowMs) {
        long now = nowMs / 1000;
        int ok = 0;
        int failed = 0;
        for (int i = 0; i < seconds; i++) {
            if (now - bucketSecond[i] < seconds) {
                ok += bucketOk[i];
                failed += bucketFailed[i];
            }
        }
        return failed >= properties.outageMinFailures() && failed >= properties.outageFailureRatio() * (ok + failed);
    }

    synchronized void sample(double latencySeconds, Double tokensPerSecond) {
        latencySamples[latencyCount++ % latencySamples.length] = latencySeconds;
        latency = percentiles(latencySamples, Math.min(latencyCount, latencySamples.length));
        if (tokensPerSecond != null) {
            throughputSamples[throughputCount++ % throughputSamples.length] = tokensPerSecond;
            throughput = percentiles(throughputSamples, Math.min(throughputCount, throughputSamples.length));
        }
    }

    Percentiles latency() {
        return latency;
    }

    Percentiles throughput() {
        return throughput;
    }

    private void bucket(long nowMs, boolean ok) {
        long second = nowMs / 1000;
        int i = (int) (second % seconds);
        if (bucketSecond[i] != second) {
            bucketSecond[i] = second;
            bucketOk[i] = 0;
            bucketFailed[i] = 0;
        }
        if (ok) {
            bucketOk[i]++;
        } else {
            bucketFailed[i]++;
        }
    }

    /** Nearest-rank percentiles of the first {@code n} samples. */
    private static Percentiles percentiles(double[] samples, int n) {
        double[] sorted = Arrays.copyOf(samples, n);
        Arrays.sort(sorted);
        return new Percentiles(rank(sorted, 0.50), rank(sorted, 0.75), rank(sorted, 0.90), rank(sorted, 0.99));
    }

    private static double rank(double[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
