/**
 * The append-only double-entry credit ledger in schema {@code billing}: accounts, transfers whose id
 * is their idempotency key, organisation credits and usage, the self-check of the books, the mirror
 * of credits into the Redis spendable balance, and the internal API over all of it.
 */
package dev.switchboard.billing.ledger;
