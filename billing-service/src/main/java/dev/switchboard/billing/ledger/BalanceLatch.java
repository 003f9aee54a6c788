package dev.switchboard.billing.ledger;

/**
 * A once-per-crossing latch on an organisation's ledger balance, kept in two columns of its
 * {@code credit_settings} row next to the threshold it watches: {@code armed} (the next crossing may
 * fire) and {@code crossings} (how many have fired; the number names each one, e.g. in an idempotency
 * key). Auto top-up and the low-balance alert each keep one.
 *
 * <p>Both statements read the balance themselves ({@link Ledger#BALANCE_OF_CODE}) and bind {@code :org}
 * and {@code :code}: a check that saw an older balance can neither claim a crossing that a credit
 * has already ended, nor re-arm one whose effect is still in flight. The claim is one
 * {@code UPDATE … WHERE armed}, so of any number of concurrent checks exactly one fires.
 *
 * @param armed            the boolean column, true while the next crossing may fire
 * @param crossings        the bigint column numbering the crossings fired
 * @param threshold        the threshold column in nanos; no threshold, no crossing
 * @param firesAtThreshold whether a balance equal to the threshold has crossed it ({@code <=}) or not ({@code <})
 */
public record BalanceLatch(String armed, String crossings, String threshold, boolean firesAtThreshold) {

    /** The balance as the latch compares it: an organisation without transfers has 0. */
    public static final String BALANCE = "COALESCE(" + Ledger.BALANCE_OF_CODE + ", 0)";

    /**
     * Disarms and numbers the crossing if the latch is armed and the balance is past the threshold, and
     * {@code condition} holds; returns {@code returning} (which sees the incremented crossing count).
     */
    public String claim(String condition, String returning) {
        return """
                UPDATE credit_settings
                SET %1$s = false, %2$s = %2$s + 1, updated_at = now()
                WHERE org_id = :org AND %1$s AND %3$s IS NOT NULL AND %4$s %5$s %3$s
                  AND %6$s
                RETURNING %7$s""".formatted(armed, crossings, threshold, BALANCE, firesAtThreshold ? "<=" : "<",
                condition, returning);
    }

    /** Arms the latch again once the balance is back on the safe side of the threshold. */
    public String rearm() {
        return """
                UPDATE credit_settings SET %1$s = true
                WHERE org_id = :org AND NOT %1$s AND %2$s %3$s COALESCE(%4$s, 0)"""
                .formatted(armed, BALANCE, firesAtThreshold ? ">" : ">=", threshold);
    }
}
