package dev.switchboard.api.routing;

/**
 * One reason a candidate holds its place, kept as a kind and a number so that routing allocates
 * no text on the request path; {@link #text()} renders it when the decision is reported.
 */
public record Placement(Kind kind, double value) {

    public enum Kind {
        /** {@code value}: the candidate's share of 1/price² among the paid candidates. */
        WEIGHT,
        /** {@code value}: how many free candidates share the first places. */
        FREE,
        /** {@code value}: the index in {@code provider.order}. */
        ORDER,
        NOT_IN_ORDER,
        /** {@code value}: prompt plus completion USD per token. */
        PRICE,
        /** {@code value}: p50 output tokens per second, NaN when unmeasured. */
        THROUGHPUT,
        /** {@code value}: p50 seconds to first token, NaN when unmeasured. */
        LATENCY,
        BELOW_MIN_THROUGHPUT,
        ABOVE_MAX_LATENCY,
        STICKY,
        BYOK,
        BYOK_FALLBACK,
        HALF_OPEN,
        OUTAGE
    }

    public String text() {
        return switch (kind) {
            case WEIGHT -> "weight " + Math.round(value * 1000) / 1000.0 + " (1/price²)";
            case FREE -> "free: weight 1/" + (long) value + " among free endpoints";
            case ORDER -> "provider.order[" + (long) value + "]";
            case NOT_IN_ORDER -> "not in provider.order: a fallback";
            case PRICE -> "price " + new java.math.BigDecimal(value).round(new java.math.MathContext(6)).stripTrailingZeros()
                    .toPlainString() + " USD/token (prompt + completion)";
            case THROUGHPUT -> Double.isNaN(value) ? "no throughput measured yet" : "throughput p50 " + Math.round(value) + " tok/s";
            case LATENCY -> Double.isNaN(value) ? "no latency measured yet" : "latency p50 " + Math.round(value * 1000) + " ms";
            case BELOW_MIN_THROUGHPUT -> "below preferred_min_throughput: moved after those above";
            case ABOVE_MAX_LATENCY -> "above preferred_max_latency: moved after those below";
            case STICKY -> "sticky session";
            case BYOK -> "organisation's own key (BYOK) first";
            case BYOK_FALLBACK -> "organisation's fallback key (BYOK) after the platform's";
            case HALF_OPEN -> "circuit half-open: one probe, after the others";
            case OUTAGE -> "outage in the last 30s: moved last";
        };
    }
}
