package dev.switchboard.contracts.billing;

import java.math.BigDecimal;

/**
 * An organisation's credit settings, {@code GET/PUT /internal/orgs/{orgId}/credit-settings}.
 * In answers, {@code paymentMethodSaved} says whether auto top-up has a card to charge and
 * {@code lowBalance} whether the balance is at or below the alert threshold; the purchase fee's terms are
 * there so the buyer sees the fee before paying. All four are ignored in updates.
 *
 * @param lowBalanceAlertNanos        null: no alert
 * @param purchaseFeePercent          the fee on top of the credits bought, in percent of the amount
 * @param purchaseFeeMinimumNanos     the smallest fee charged on one purchase
 */
public record CreditSettings(Long lowBalanceAlertNanos, boolean autoTopupEnabled, Long autoTopupThresholdNanos,
                             Long autoTopupAmountNanos, boolean paymentMethodSaved, boolean lowBalance,
                             BigDecimal purchaseFeePercent, Long purchaseFeeMinimumNanos) {

    /** An update: only what the organisation chooses. */
    public static CreditSettings update(Long lowBalanceAlertNanos, boolean autoTopupEnabled,
                                        Long autoTopupThresholdNanos, Long autoTopupAmountNanos) {
        return new CreditSettings(lowBalanceAlertNanos, autoTopupEnabled, autoTopupThresholdNanos, autoTopupAmountNanos,
                false, false, null, null);
    }
}
