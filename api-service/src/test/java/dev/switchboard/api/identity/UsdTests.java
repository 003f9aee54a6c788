package dev.switchboard.api.identity;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class UsdTests {

    @ParameterizedTest
    @CsvSource({
            "1, 1000000000, 1",
            "12.345678901, 12345678901, 12.345678901",
            "0.000000001, 1, 0.000000001",
            "100.50, 100500000000, 100.5",
            "1E+2, 100000000000, 100",
    })
    void convertsExactlyBothWays(String usd, long nanos, String back) {
        assertThat(Usd.toNanosExact(new BigDecimal(usd))).isEqualTo(nanos);
        assertThat(Usd.fromNanos(nanos).toPlainString()).isEqualTo(back);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0000000001", "1.0000000005", "99999999999"})
    void refusesWhatNanosCannotHold(String usd) {
        assertThat(Usd.fitsNanos(new BigDecimal(usd))).isFalse();
    }
}
