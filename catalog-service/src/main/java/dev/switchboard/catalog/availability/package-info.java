/**
 * Live availability per endpoint: the api-service reports every upstream attempt in batches, and
 * rolling windows give uptime (5 min, 30 min, 1 day) and latency and throughput percentiles (30 min)
 * as OpenRouter defines them.
 */
package dev.switchboard.catalog.availability;
