package dev.switchboard.contracts.billing;

import java.time.Instant;

/**
 * One purchase in an organisation's history.
 *
 * @param origin        {@code checkout} or {@code auto_topup}
 * @param status        {@code pending}, {@code paid} or {@code failed}
 * @param refundedNanos credits reversed because of refunds
 * @param receiptUrl    Stripe's receipt, once Stripe has given one; may be null
 */
public record PurchaseView(String id, String origin, String status, long amountNanos, long feeNanos,
                          long refundedNanos, String receiptUrl, Instant createdAt, Instant paidAt) {
}
