package dev.switchboard.api.credit;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import dev.switchboard.api.catalog.PriceSheet;
import dev.switchboard.api.provider.TokenUsage;

import static org.assertj.core.api.Assertions.assertThat;

class PricingTest {

    private static final Pricing FIVE_PERCENT = new Pricing(
            new FeeProperties(new BigDecimal("5"), new BigDecimal("5"), Duration.ofMinutes(15)));

    private static PriceSheet prices(String prompt, String completion, String cacheRead, String cacheWrite, String request) {
        return new PriceSheet("p1", new BigDecimal(prompt), new BigDecimal(completion), new BigDecimal(cacheRead),
                new BigDecimal(cacheWrite), new BigDecimal(request), BigDecimal.ZERO);
    }

    static Stream<Arguments> platformCharges() {
        return Stream.of(
                // gpt-4o-mini list prices: 0.15 $/M in, 0.60 $/M out → 150 and 600 nanos per token
                Arguments.of(prices("0.00000015", "0.0000006", "0.000000075", "0", "0"),
                        new TokenUsage(1_000, 500, 0, 0, 0), 450_000L, 22_500L),
                // a fraction of a nano rounds up once, on the sum: 3 × 0.0375 = 0.1125 nanos → 1 nano, fee 1 nano
                Arguments.of(prices("0.0000000000375", "0", "0", "0", "0"),
                        new TokenUsage(3, 0, 0, 0, 0), 1L, 1L),
                // cached tokens are part of the prompt and are charged once, at the cache-read price
                Arguments.of(prices("0.000003", "0.000015", "0.0000003", "0.00000375", "0"),
                        new TokenUsage(1_000, 100, 800, 100, 0), 2_415_000L, 120_750L),
                // unknown cache price: charged at the prompt price, never at zero
                Arguments.of(prices("0.000001", "0.000002", "0", "0", "0"),
                        new TokenUsage(100, 10, 50, 0, 0), 120_000L, 6_000L),
                // a per-request price is added once
                Arguments.of(prices("0", "0", "0", "0", "0.005"),
                        new TokenUsage(10, 10, 0, 0, 0), 5_000_000L, 250_000L),
                Arguments.of(prices("0.000001", "0.000002", "0", "0", "0"), TokenUsage.NONE, 0L, 0L));
    }

    @ParameterizedTest
    @MethodSource("platformCharges")
    void platformUsageIsChargedListCostPlusFeeRoundedUpToTheNano(PriceSheet prices, TokenUsage usage,
                                                                 long expectedCost, long expectedFee) {
        Charge charge = FIVE_PERCENT.charge(prices, usage, false);

        assertThat(charge.upstreamCostNanos()).isEqualTo(expectedCost);
        assertThat(charge.listCostNanos()).isEqualTo(expectedCost);
        assertThat(charge.platformFeeNanos()).isEqualTo(expectedFee);
        assertThat(charge.byokFeeNanos()).isZero();
        assertThat(charge.totalNanos()).isEqualTo(expectedCost + expectedFee);
    }

    @Test
    void byokUsageIsChargedOnlyTheByokFeeOnTheListCost() {
        Charge charge = FIVE_PERCENT.charge(prices("0.000001", "0.000002", "0", "0", "0"),
                new TokenUsage(1_000, 1_000, 0, 0, 0), true);

        assertThat(charge.listCostNanos()).isEqualTo(3_000_000L);
        assertThat(charge.upstreamCostNanos()).isZero();
        assertThat(charge.byokFeeNanos()).isEqualTo(150_000L);
        assertThat(charge.totalNanos()).isEqualTo(150_000L);
    }

    @Test
    void worstCaseCoversEveryTokenAtFullPriceAndAffordableTokensInvertsIt() {
        PriceSheet prices = prices("0.000001", "0.000004", "0", "0", "0");
        long worst = FIVE_PERCENT.worstCaseNanos(prices, 100, 1_000, false);

        assertThat(worst).isEqualTo(4_305_000L);
        assertThat(FIVE_PERCENT.affordableCompletionTokens(prices, 100, worst, false)).isEqualTo(1_000L);
        assertThat(FIVE_PERCENT.affordableCompletionTokens(prices, 100, 10, false)).isZero();
    }

    @Test
    void usdIsAnExactPlainDecimal() {
        assertThat(Pricing.usd(22_500L).toPlainString()).isEqualTo("0.0000225");
        assertThat(Pricing.usd(10_000_000_000L).toString()).isEqualTo("10");
        assertThat(Pricing.usd(0L).toString()).isEqualTo("0");
    }
}
