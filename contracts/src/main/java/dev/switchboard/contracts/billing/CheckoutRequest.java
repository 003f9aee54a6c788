package dev.switchboard.contracts.billing;

/**
 * {@code POST /internal/orgs/{orgId}/checkout}: buy {@code amountNanos} of credits (whole cents);
 * the purchase fee comes on top.
 */
public record CheckoutRequest(long amountNanos) {
}
