package dev.switchboard.contracts.billing;

/**
 * {@code GET /internal/ledger/check}: the books balance when every transfer's debit equals its
 * credit and the net balances of all accounts sum to zero.
 */
public record LedgerCheck(boolean balanced, long transfers, long sumDebitsNanos, long sumCreditsNanos,
                          long netOfAllAccountsNanos) {
}
