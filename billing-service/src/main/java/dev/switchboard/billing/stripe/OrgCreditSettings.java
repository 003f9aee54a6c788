package dev.switchboard.billing.stripe;

import java.util.UUID;

/** One organisation's {@code credit_settings} row; {@link #defaults} when it has none. */
record OrgCreditSettings(UUID orgId, Long lowBalanceAlertNanos, boolean autoTopupEnabled,
                         Long autoTopupThresholdNanos, Long autoTopupAmountNanos, String stripeCustomerId,
                         String paymentMethodId) {

    static OrgCreditSettings defaults(UUID orgId) {
        return new OrgCreditSettings(orgId, null, false, null, null, null, null);
    }
}
