package dev.switchboard.contracts.billing;

import java.time.Instant;
import java.util.UUID;

/**
 * An organisation's ledger balance crossed from above its low-balance alert threshold to at or below
 * it, on the stream {@code RedisKeys#lowBalanceAlerts()}. {@code (orgId, crossing)} names the crossing:
 * the same pair may be appended twice (billing-service crashed between appending and recording it),
 * and is mailed once.
 *
 * @param crossing       the organisation's crossing number, from 1
 * @param balanceNanos   the ledger balance when the crossing was seen (may be negative)
 * @param thresholdNanos the threshold it crossed
 * @param crossedAt      when billing-service saw it
 */
public record LowBalanceAlert(UUID orgId, long crossing, long balanceNanos, long thresholdNanos, Instant crossedAt) {
}
