package dev.switchboard.billing.ledger;

import java.time.Instant;

/** {@code GET /internal/generations/{generationId}/transfers}: one transfer as the ledger holds it. */
record PostedTransfer(String id, TransferKind kind, String debit, String credit, long amountNanos, Instant createdAt) {
}
