package dev.switchboard.api.credit;

/**
 * What one generation costs, in nano-USD. {@code totalNanos = upstreamCostNanos + platformFeeNanos + byokFeeNanos};
 * {@code listCostNanos} is the list-price cost of the tokens (equal to the upstream cost for platform usage).
 */
public record Charge(long listCostNanos, long upstreamCostNanos, long platformFeeNanos, long byokFeeNanos,
                     long totalNanos) {

    public static final Charge ZERO = new Charge(0, 0, 0, 0, 0);
}
