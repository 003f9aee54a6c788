package dev.switchboard.billing.stripe;

import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

/** A purchase row: what was bought and what Stripe has reported about it so far. */
record Purchase(String id, UUID orgId, String origin, long amountNanos, long feeNanos, long chargedCents,
                String status, String sessionId, String paymentIntentId, String receiptUrl,
                long refundedCents, long reversedNanos, Instant createdAt, Instant paidAt) {

    static final String PENDING = "pending";
    static final String PAID = "paid";
    static final String FAILED = "failed";

    boolean paid() {
        return PAID.equals(status);
    }

    /** The transfer that credits this purchase; its id makes the credit happen once. */
    String creditTransferId() {
        return "purchase:" + id;
    }

    /**
     * Credits to have reversed once Stripe has refunded {@code refundedCents} of the
     * {@code chargedCents} charged: the credited amount in the same proportion, rounded down to the
     * nano (the fee is refunded in the same proportion by Stripe and was never credited). A full
     * refund reverses exactly the amount.
     */
    long reversalTargetNanos() {
        if (!paid() || refundedCents == 0) {
            return 0;
        }
        if (refundedCents >= chargedCents) {
            return amountNanos;
        }
        return BigInteger.valueOf(amountNanos)
                .multiply(BigInteger.valueOf(refundedCents))
                .divide(BigInteger.valueOf(chargedCents))
                .longValueExact();
    }
}
