/**
 * Usage ingestion: the consumer of the Redis usage stream that posts each settled generation's legs
 * to the ledger exactly once, claims entries abandoned by dead consumers, and dead-letters entries
 * it cannot read.
 */
package dev.switchboard.billing.usage;
