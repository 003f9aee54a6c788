/**
 * billing-service: the double-entry credit ledger ({@code ledger}), the posting of settled usage from
 * the Redis usage stream ({@code usage}), and the internal API the other services call.
 */
package dev.switchboard.billing;
