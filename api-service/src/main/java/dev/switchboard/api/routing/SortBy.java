package dev.switchboard.api.routing;

/** {@code provider.sort}: order by one figure instead of balancing load. */
public enum SortBy {
    /** Cheapest first (prompt plus completion price per token). */
    PRICE,
    /** Highest recent median output tokens per second first. */
    THROUGHPUT,
    /** Lowest recent median time to first token first. */
    LATENCY
}
