package dev.switchboard.contracts.billing;

import java.util.UUID;

/**
 * What an organisation has bought with money, from the ledger: its purchase transfers minus their
 * refunds, in nano-USD (grants are not purchases). {@code GET /internal/orgs/{orgId}/purchases}.
 */
public record PurchasesView(UUID orgId, long purchasedNanos) {
}
