/**
 * The low-balance alert: once per crossing of an organisation's ledger balance from above its
 * {@code low_balance_alert_nanos} to at or below it, a crossing is recorded (an outbox row, claimed
 * with the same latch as auto top-up) and appended to the Redis stream that api-service mails the
 * organisation's owners and admins from.
 */
package dev.switchboard.billing.alert;
