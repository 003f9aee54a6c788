/**
 * Buying credits, for the signed-in browser: {@code POST /api/v1/credits/checkout} (a Stripe Checkout
 * Session), {@code GET /api/v1/credits/purchases} (the history with receipts) and
 * {@code GET/PUT /api/v1/credits/settings} (low-balance alert, auto top-up); and Stripe's webhook,
 * {@code POST /api/webhooks/stripe}, forwarded unchanged to billing-service, which owns Stripe and
 * checks the signature.
 */
package dev.switchboard.api.purchases;
