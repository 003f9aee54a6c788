package dev.switchboard.contracts.billing;

import java.util.UUID;

/** {@code POST /internal/accounts}: opens an organisation's credit account; idempotent. */
public record OpenAccountRequest(UUID orgId) {
}
