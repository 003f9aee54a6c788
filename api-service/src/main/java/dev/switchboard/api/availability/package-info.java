/**
 * Availability reporting: every upstream attempt the hot path makes (each candidate tried, served
 * or failed, streamed or not) becomes an {@code AttemptOutcome} that is queued in memory and sent in
 * batches to catalog-service's availability windows, off the request's latency path.
 */
package dev.switchboard.api.availability;
