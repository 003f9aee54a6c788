/**
 * Durable generation records: written from the usage stream in batches, off the request's latency
 * path, and served by {@code GET /api/v1/generation?id=} to the organisation that made them.
 */
package dev.switchboard.api.generation;
