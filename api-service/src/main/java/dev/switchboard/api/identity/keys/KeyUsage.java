package dev.switchboard.api.identity.keys;

/**
 * What one key has spent, in nano-USD, from its charged generations. {@code *Nanos} counters are
 * what the organisation was charged (upstream cost and fees, BYOK fees included); {@code byok*}
 * counters are the list-price value of the key's BYOK usage, which the provider bills directly.
 * {@code periodNanos} and {@code periodByokNanos} cover the key's current limit period.
 */
record KeyUsage(long totalNanos, long dailyNanos, long weeklyNanos, long monthlyNanos,
                long byokNanos, long byokDailyNanos, long byokWeeklyNanos, long byokMonthlyNanos,
                long periodNanos, long periodByokNanos) {

    static final KeyUsage NONE = new KeyUsage(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** What counts against the key's limit in its current period. */
    long countedAgainstLimit(ApiKey key) {
        return key.includeByokInLimit() ? Math.addExact(periodNanos, periodByokNanos) : periodNanos;
    }

    /** {@code null} for an unlimited key; never below zero. */
    Long remainingNanos(ApiKey key) {
        return key.limitNanos() == null ? null : Math.max(0, key.limitNanos() - countedAgainstLimit(key));
    }
}
