package dev.switchboard.api.identity.keys;

import java.time.Instant;

/**
 * A key's credit limit as it applies now.
 *
 * @param periodStart where the current limit period began ({@link Instant#EPOCH} for a limit that never resets)
 * @param periodEnd   where it ends, or {@code null} for a limit that never resets
 */
public record KeyLimit(String keyHash, long limitNanos, boolean includeByok, Instant periodStart, Instant periodEnd) {
}
