package dev.switchboard.billing.stripe;

import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.switchboard.billing.error.BillingException;
import dev.switchboard.billing.ledger.BalanceWatchers;
import dev.switchboard.billing.ledger.Ledger;
import dev.switchboard.contracts.billing.CreditSettings;

/**
 * Validates and shows an organisation's credit settings. Auto top-up amounts follow the purchase
 * limits; it may be switched on only once a paid checkout has saved a card. Saving settings checks
 * the balance at once, so an auto top-up threshold set above the current balance fires without waiting
 * for usage (the low-balance alert, by contrast, waits for the balance to cross its threshold).
 */
@Component
class CreditSettingsPolicy {

    private final CreditSettingsStore store;
    private final Ledger ledger;
    private final StripeProperties properties;
    private final BalanceWatchers watchers;

    CreditSettingsPolicy(CreditSettingsStore store, Ledger ledger, StripeProperties properties, BalanceWatchers watchers) {
        this.store = store;
        this.ledger = ledger;
        this.properties = properties;
        this.watchers = watchers;
    }

    Mono<CreditSettings> view(UUID orgId) {
        return Mono.zip(store.get(orgId), ledger.credits(orgId).map(c -> c.balanceNanos()).defaultIfEmpty(0L))
                .map(both -> view(both.getT1(), both.getT2()));
    }

    Mono<CreditSettings> update(UUID orgId, CreditSettings update) {
        return Mono.fromRunnable(() -> validate(update))
                .then(store.get(orgId))
                .flatMap(current -> {
                    if (update.autoTopupEnabled() && current.paymentMethodId() == null) {
                        return Mono.error(BillingException.badRequest(
                                "auto top-up needs a saved card: buy credits once with checkout first"));
                    }
                    return store.update(orgId, update.lowBalanceAlertNanos(), update.autoTopupEnabled(),
                            update.autoTopupThresholdNanos(), update.autoTopupAmountNanos());
                })
                .then(Mono.defer(() -> watchers.changed(orgId)))
                .then(Mono.defer(() -> view(orgId)));
    }

    private void validate(CreditSettings update) {
        if (update.lowBalanceAlertNanos() != null && update.lowBalanceAlertNanos() < 0) {
            throw BillingException.badRequest("low_balance_alert_usd must not be negative");
        }
        if (!update.autoTopupEnabled()) {
            return;
        }
        if (update.autoTopupThresholdNanos() == null || update.autoTopupThresholdNanos() < 0) {
            throw BillingException.badRequest("auto_topup.threshold_usd is required and must not be negative");
        }
        Long amount = update.autoTopupAmountNanos();
        long min = properties.minAmountUsd().movePointRight(9).longValueExact();
        long max = properties.maxAmountUsd().movePointRight(9).longValueExact();
        if (amount == null || amount < min || amount > max || amount % PurchaseFee.NANOS_PER_CENT != 0) {
            throw BillingException.badRequest("auto_topup.amount_usd must be whole cents between "
                    + properties.minAmountUsd().toPlainString() + " and " + properties.maxAmountUsd().toPlainString() + " USD");
        }
    }

    private CreditSettings view(OrgCreditSettings s, long balanceNanos) {
        // The same test as the alert mail: at or below the threshold.
        boolean low = s.lowBalanceAlertNanos() != null && balanceNanos <= s.lowBalanceAlertNanos();
        return new CreditSettings(s.lowBalanceAlertNanos(), s.autoTopupEnabled(), s.autoTopupThresholdNanos(),
                s.autoTopupAmountNanos(), s.paymentMethodId() != null, low,
                properties.purchaseFeePercent(), properties.purchaseFeeMinimumUsd().movePointRight(9).longValueExact());
    }
}
