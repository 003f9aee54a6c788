package dev.switchboard.contracts.billing;

/** The Stripe Checkout Session created for a purchase: where to send the browser. */
public record CheckoutView(String purchaseId, String sessionId, String url, long amountNanos, long feeNanos) {
}
