package dev.switchboard.api.identity;

import java.math.BigDecimal;

/**
 * Conversions between the USD amounts on the wire (exact decimals) and the nano-USD {@code long}s
 * that money is kept in. No rounding happens here: an amount with more than nine decimals cannot
 * be represented and is refused, so every conversion is exact both ways.
 */
public final class Usd {

    private static final int NANOS_SCALE = 9;

    private Usd() {
    }

    /**
     * @return {@code usd} in nanos
     * @throws ArithmeticException when {@code usd} has more than nine decimals or does not fit a long
     */
    public static long toNanosExact(BigDecimal usd) {
        return usd.movePointRight(NANOS_SCALE).setScale(0).longValueExact();
    }

    /** @return whether {@link #toNanosExact} accepts {@code usd} */
    public static boolean fitsNanos(BigDecimal usd) {
        try {
            toNanosExact(usd);
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    /**
     * @return {@code nanos} as USD without trailing zeros and with a scale of at least 0 ({@code 100},
     *         {@code 74.5}); JSON writes it plainly because {@code spring.jackson.write.write-bigdecimal-as-plain}
     *         is on (else {@code 0.000000001} would appear as {@code 1E-9})
     */
    public static BigDecimal fromNanos(long nanos) {
        BigDecimal usd = BigDecimal.valueOf(nanos, NANOS_SCALE).stripTrailingZeros();
        return usd.scale() < 0 ? usd.setScale(0) : usd;
    }
}
