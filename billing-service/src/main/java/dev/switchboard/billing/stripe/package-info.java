/**
 * Credits bought through Stripe: Checkout Sessions for purchases, the signed webhook that credits
 * them (and reverses refunds) exactly once, the purchase history, and per-organisation credit
 * settings with auto top-up. Every Stripe call is made through {@link dev.switchboard.billing.stripe.StripeGateway}
 * with an idempotency key, on {@code boundedElastic} (stripe-java blocks).
 */
package dev.switchboard.billing.stripe;
