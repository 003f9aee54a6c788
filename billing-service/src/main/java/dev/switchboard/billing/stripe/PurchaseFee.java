package dev.switchboard.billing.stripe;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The fee on one purchase, in whole cents because Stripe charges cents: {@code percent} of the
 * amount rounded <b>up</b> to the cent, and never less than {@code minimumUsd} (itself rounded up
 * to the cent). The organisation is credited the amount; Stripe charges amount plus fee.
 */
record PurchaseFee(BigDecimal percent, BigDecimal minimumUsd) {

    static final long NANOS_PER_CENT = 10_000_000L;
    static final long NANOS_PER_USD = 1_000_000_000L;

    long feeCents(long amountCents) {
        BigDecimal proportional = BigDecimal.valueOf(amountCents)
                .multiply(percent)
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING);
        BigDecimal minimum = minimumUsd.movePointRight(2).setScale(0, RoundingMode.CEILING);
        return proportional.max(minimum).longValueExact();
    }

    static long centsToNanos(long cents) {
        return Math.multiplyExact(cents, NANOS_PER_CENT);
    }
}
