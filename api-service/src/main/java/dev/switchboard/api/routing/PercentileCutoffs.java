package dev.switchboard.api.routing;

/**
 * {@code preferred_min_throughput} (tokens per second) or {@code preferred_max_latency} (seconds):
 * a bare number is a p50 cutoff; an object sets any of p50, p75, p90, p99. Null cutoffs do not apply.
 */
public record PercentileCutoffs(Double p50, Double p75, Double p90, Double p99) {

    /** True when every set cutoff is met as a minimum by {@code figures}; unknown figures never meet one. */
    boolean metAsMinimum(Percentiles figures) {
        return meets(p50, figures == null ? null : figures.p50(), true)
                && meets(p75, figures == null ? null : figures.p75(), true)
                && meets(p90, figures == null ? null : figures.p90(), true)
                && meets(p99, figures == null ? null : figures.p99(), true);
    }

    /** True when every set cutoff is met as a maximum by {@code figures}. */
    boolean metAsMaximum(Percentiles figures) {
        return meets(p50, figures == null ? null : figures.p50(), false)
                && meets(p75, figures == null ? null : figures.p75(), false)
                && meets(p90, figures == null ? null : figures.p90(), false)
                && meets(p99, figures == null ? null : figures.p99(), false);
    }

    private static boolean meets(Double cutoff, Double figure, boolean minimum) {
        if (cutoff == null) {
            return true;
        }
        if (figure == null) {
            return false;
        }
        return minimum ? figure >= cutoff : figure <= cutoff;
    }
}
