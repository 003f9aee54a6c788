package dev.switchboard.billing.usage;

import java.util.ArrayList;
import java.util.List;

import dev.switchboard.billing.ledger.AccountCode;
import dev.switchboard.billing.ledger.Transfer;
import dev.switchboard.billing.ledger.TransferKind;
import dev.switchboard.contracts.billing.UsageEvent;

/**
 * The ledger transfers of one settled generation: the organisation pays the upstream cost, the
 * platform fee and the BYOK fee, each as its own leg whose id is {@code <generationId>:<leg>}, so a
 * redelivered event posts nothing new. Zero legs are not posted (a transfer moves a positive amount).
 */
final class UsageLegs {

    /** Leg ids are {@code <generationId>:byok_fee} at most, within the ledger's 200-character id limit. */
    static final int MAX_GENERATION_ID_CHARS = 128;

    private UsageLegs() {
    }

    /** The legs of {@code event}, or an {@link IllegalArgumentException} saying why it cannot be posted. */
    static List<Transfer> of(UsageEvent event) {
        validate(event);
        List<Transfer> legs = new ArrayList<>(3);
        addLeg(legs, event, TransferKind.USAGE_UPSTREAM, AccountCode.UPSTREAM, event.upstreamCostNanos());
        addLeg(legs, event, TransferKind.USAGE_FEE, AccountCode.FEES, event.platformFeeNanos());
        addLeg(legs, event, TransferKind.USAGE_BYOK_FEE, AccountCode.BYOK_FEES, event.byokFeeNanos());
        return legs;
    }

    /** The organisation pays {@code platform}. */
    private static void addLeg(List<Transfer> legs, UsageEvent event, TransferKind kind, AccountCode platform,
                               long amountNanos) {
        if (amountNanos > 0) {
            String generation = event.generationId();
            legs.add(new Transfer(kind.legId(generation), kind, AccountCode.org(event.orgId()), platform,
                    amountNanos, generation, null));
        }
    }

    /**
     * An event the ledger would refuse (or post differently from what api-service debited) must not
     * block the stream; it is rejected here so the consumer can dead-letter it.
     */
    private static void validate(UsageEvent event) {
        String generation = event.generationId();
        if (generation == null || generation.isBlank() || generation.length() > MAX_GENERATION_ID_CHARS) {
            throw new IllegalArgumentException("generationId must be 1 to " + MAX_GENERATION_ID_CHARS + " characters");
        }
        if (event.orgId() == null) {
            throw new IllegalArgumentException("orgId is missing");
        }
        if (event.upstreamCostNanos() < 0 || event.platformFeeNanos() < 0 || event.byokFeeNanos() < 0) {
            throw new IllegalArgumentException("a cost or fee is negative");
        }
        long legsNanos;
        try {
            legsNanos = Math.addExact(Math.addExact(event.upstreamCostNanos(), event.platformFeeNanos()),
                    event.byokFeeNanos());
        } catch (ArithmeticException overflow) {
            throw new IllegalArgumentException("costs overflow a long");
        }
        // api-service debited totalNanos from the Redis balance; posting anything else would make
        // the ledger and the spendable balance drift apart.
        if (legsNanos != event.totalNanos()) {
            throw new IllegalArgumentException("totalNanos " + event.totalNanos()
                    + " is not upstream + fee + byok fee (" + legsNanos + ")");
        }
    }
}
