package dev.switchboard.api.credit;

/** The answer of the hold script. */
public sealed interface HoldOutcome {

    /** Credit is reserved; {@code availableAfterNanos} is what is left for other requests. */
    record Held(long amountNanos, long availableAfterNanos) implements HoldOutcome {
    }

    /** Not enough credit: {@code availableNanos} is balance minus open holds (may be ≤ 0). */
    record Insufficient(long availableNanos) implements HoldOutcome {
    }
}
