package dev.switchboard.contracts.billing;

import java.util.UUID;

/**
 * {@code GET /internal/orgs/{orgId}/credits}: what the ledger says about an organisation.
 * {@code balanceNanos = totalCreditsNanos - totalUsageNanos}.
 */
public record CreditsView(UUID orgId, long totalCreditsNanos, long totalUsageNanos, long balanceNanos) {
}
