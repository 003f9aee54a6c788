package dev.switchboard.api.credit;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.springframework.stereotype.Component;

import dev.switchboard.api.catalog.PriceSheet;
import dev.switchboard.api.provider.TokenUsage;

/**
 * Turns tokens and exact per-token prices into nano-USD.
 *
 * <p>Rounding: the list cost of a generation is summed exactly in decimal and rounded up once to
 * the next whole nano; each fee is a percentage of that rounded cost, again rounded up to the
 * nano. So a generation is never charged less than its exact price, and at most one nano more per
 * leg.
 *
 * <p>Cached prompt tokens are charged at the cache-read price and cache writes at the cache-write
 * price, each token exactly once; where the catalog does not know a cache price, the prompt price
 * is used, so an unknown discount never makes the platform lose money.
 */
@Component
public class Pricing {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final FeeProperties fees;

    public Pricing(FeeProperties fees) {
        this.fees = fees;
    }

    public Charge charge(PriceSheet prices, TokenUsage usage, boolean byok) {
        long uncached = Math.max(0, usage.promptTokens() - usage.cachedTokens() - usage.cacheWriteTokens());
        BigDecimal list = prices.prompt().multiply(BigDecimal.valueOf(uncached))
                .add(orPrompt(prices.cacheRead(), prices).multiply(BigDecimal.valueOf(usage.cachedTokens())))
                .add(orPrompt(prices.cacheWrite(), prices).multiply(BigDecimal.valueOf(usage.cacheWriteTokens())))
                .add(prices.completion().multiply(BigDecimal.valueOf(usage.completionTokens())))
                .add(prices.request());
        long listNanos = toNanosCeiling(list);
        if (byok) {
            long byokFee = percentCeiling(listNanos, fees.byokPercent());
            return new Charge(listNanos, 0, 0, byokFee, byokFee);
        }
        long fee = percentCeiling(listNanos, fees.platformPercent());
        return new Charge(listNanos, listNanos, fee, 0, Math.addExact(listNanos, fee));
    }

    /** The most a request can cost: every prompt token uncached, every allowed completion token produced. */
    public long worstCaseNanos(PriceSheet prices, long promptTokens, long completionTokens, boolean byok) {
        return charge(prices, new TokenUsage(promptTokens, completionTokens, 0, 0, 0), byok).totalNanos();
    }

    /**
     * How many completion tokens {@code availableNanos} can pay for after the prompt, for the 402
     * message; 0 when not even the prompt is affordable.
     */
    public long affordableCompletionTokens(PriceSheet prices, long promptTokens, long availableNanos, boolean byok) {
        long promptOnly = worstCaseNanos(prices, promptTokens, 0, byok);
        long left = availableNanos - promptOnly;
        if (left <= 0) {
            return 0;
        }
        long perToken = worstCaseNanos(prices, 0, 1, byok) - worstCaseNanos(prices, 0, 0, byok);
        return perToken <= 0 ? Long.MAX_VALUE : left / perToken;
    }

    /** USD as an exact decimal, for API responses. */
    public static BigDecimal usd(long nanos) {
        BigDecimal exact = BigDecimal.valueOf(nanos, 9).stripTrailingZeros();
        return exact.scale() < 0 ? exact.setScale(0) : exact;
    }

    static long toNanosCeiling(BigDecimal usd) {
        return usd.movePointRight(9).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    static long percentCeiling(long nanos, BigDecimal percent) {
        return BigDecimal.valueOf(nanos).multiply(percent).divide(HUNDRED, 0, RoundingMode.CEILING).longValueExact();
    }

    private static BigDecimal orPrompt(BigDecimal price, PriceSheet prices) {
        return price.signum() > 0 ? price : prices.prompt();
    }
}
