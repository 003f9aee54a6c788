package dev.switchboard.billing.stripe;

/**
 * What one Stripe event says about a purchase. Null fields say nothing.
 *
 * @param refundedCents cumulative cents refunded on the charge (0 when the event is not about refunds)
 */
record StripeFacts(boolean paid, boolean failed, String sessionId, String paymentIntentId, String receiptUrl,
                   long refundedCents) {
}
