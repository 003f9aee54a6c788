package dev.switchboard.contracts.billing;

import java.util.UUID;

/**
 * {@code POST /internal/grants}: an operator grant of credits. {@code transferId} is the idempotency
 * key: the same id twice grants once.
 */
public record GrantRequest(String transferId, UUID orgId, long amountNanos, String note) {
}
