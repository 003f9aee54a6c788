package dev.switchboard.billing.stripe;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PurchaseFeeTest {

    @ParameterizedTest(name = "{0}% (min {1}) of {2} cents is {3} cents")
    @CsvSource({
            "5.5, 0.80, 2000, 110",   // proportional
            "5.5, 0.80, 500, 80",     // 27.5 cents: the minimum
            "5.5, 0.80, 1500, 83",    // 82.5 cents rounds up
            "5.5, 0, 1, 1",           // any fraction of a cent rounds up
            "0, 0, 1000, 0",          // no fee configured
            "3, 0.333, 100, 34"})     // a minimum in fractions of a cent rounds up too
    void theFeeIsAPercentageRoundedUpToTheCentAndNeverBelowTheMinimum(String percent, String minimum, long amountCents,
                                                                      long feeCents) {
        assertThat(new PurchaseFee(new BigDecimal(percent), new BigDecimal(minimum)).feeCents(amountCents))
                .isEqualTo(feeCents);
    }
}
