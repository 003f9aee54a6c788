/** {@code GET /api/v1/credits}: the organisation's credits and usage, as the ledger in billing-service has them. */
package dev.switchboard.api.credits;
