package dev.switchboard.api.purchases;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.switchboard.api.credit.Pricing;
import dev.switchboard.api.error.ApiException;
import dev.switchboard.api.identity.Usd;
import dev.switchboard.contracts.billing.CreditSettings;

/**
 * {@code GET/PUT /api/v1/credits/settings}:
 * {@code {"low_balance_alert_usd", "auto_topup":{"enabled","threshold_usd","amount_usd"}}}; answers
 * add {@code payment_method_saved}, {@code low_balance} and the purchase fee's terms
 * ({@code purchase_fee_percent}, {@code purchase_fee_minimum_usd}) so the page shows the fee before paying.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record SettingsBody(@JsonProperty("low_balance_alert_usd") BigDecimal lowBalanceAlertUsd,
                    @JsonProperty("auto_topup") AutoTopup autoTopup,
                    @JsonProperty("payment_method_saved") Boolean paymentMethodSaved,
                    @JsonProperty("low_balance") Boolean lowBalance,
                    @JsonProperty("purchase_fee_percent") BigDecimal purchaseFeePercent,
                    @JsonProperty("purchase_fee_minimum_usd") BigDecimal purchaseFeeMinimumUsd) {

    record AutoTopup(boolean enabled,
                     @JsonProperty("threshold_usd") BigDecimal thresholdUsd,
                     @JsonProperty("amount_usd") BigDecimal amountUsd) {
    }

    static SettingsBody of(CreditSettings s) {
        return new SettingsBody(usd(s.lowBalanceAlertNanos()),
                new AutoTopup(s.autoTopupEnabled(), usd(s.autoTopupThresholdNanos()), usd(s.autoTopupAmountNanos())),
                s.paymentMethodSaved(), s.lowBalance(), s.purchaseFeePercent(), usd(s.purchaseFeeMinimumNanos()));
    }

    CreditSettings toUpdate() {
        AutoTopup topup = autoTopup == null ? new AutoTopup(false, null, null) : autoTopup;
        return CreditSettings.update(nanos("low_balance_alert_usd", lowBalanceAlertUsd), topup.enabled(),
                nanos("auto_topup.threshold_usd", topup.thresholdUsd()), nanos("auto_topup.amount_usd", topup.amountUsd()));
    }

    private static Long nanos(String field, BigDecimal usd) {
        if (usd == null) {
            return null;
        }
        if (usd.signum() < 0 || !Usd.fitsNanos(usd) || usd.compareTo(new BigDecimal("1000000000")) > 0) {
            throw ApiException.badRequest(field + " must be a non-negative amount of USD");
        }
        return Usd.toNanosExact(usd);
    }

    private static BigDecimal usd(Long nanos) {
        return nanos == null ? null : Pricing.usd(nanos);
    }
}
