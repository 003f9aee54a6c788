package dev.switchboard.billing.stripe;

import java.util.Collection;
import java.util.UUID;

import com.stripe.model.PaymentIntent;
import com.stripe.param.PaymentIntentCreateParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import dev.switchboard.billing.ledger.BalanceWatcher;
import dev.switchboard.billing.ledger.Ledger;

/**
 * Auto top-up: when an organisation's ledger balance falls below its threshold, charge the saved
 * card off-session for the configured amount (plus the purchase fee), at most once per crossing.
 * The crossing is claimed in the database before Stripe is called ({@link CreditSettingsStore#claimCrossing}),
 * and the Stripe idempotency key names the crossing, so neither concurrent checks nor a retry charge
 * twice. The balance coming back to the threshold re-arms it.
 *
 * <p>Ordered before the low-balance alert: a crossing that auto top-up answers at once is no cause for alarm.
 */
@Component
@Order(0)
class AutoTopUp implements BalanceWatcher {

    private static final Logger log = LoggerFactory.getLogger(AutoTopUp.class);

    private final CreditSettingsStore settings;
    private final Ledger ledger;
    private final PurchaseStore purchases;
    private final PurchaseCrediting crediting;
    private final StripeGateway stripe;
    private final PurchaseFee fee;
    private final TransactionalOperator tx;

    AutoTopUp(CreditSettingsStore settings, Ledger ledger, PurchaseStore purchases, PurchaseCrediting crediting,
              StripeGateway stripe, StripeProperties properties, TransactionalOperator tx) {
        this.settings = settings;
        this.ledger = ledger;
        this.purchases = purchases;
        this.crediting = crediting;
        this.stripe = stripe;
        this.fee = new PurchaseFee(properties.purchaseFeePercent(), properties.purchaseFeeMinimumUsd());
        this.tx = tx;
    }

    @Override
    public Mono<Void> balancesChanged(Collection<UUID> orgIds) {
        return settings.withAutoTopup(orgIds)
                .concatMap(this::check)
                .then();
    }

    /** Fires or re-arms for one organisation, from its ledger balance now. */
    Mono<Void> check(UUID orgId) {
        return Mono.zip(settings.get(orgId), ledger.credits(orgId))
                .filter(both -> both.getT1().autoTopupEnabled() && both.getT1().autoTopupThresholdNanos() != null)
                .flatMap(both -> both.getT2().balanceNanos() < both.getT1().autoTopupThresholdNanos()
                        ? fire(orgId)
                        : settings.rearm(orgId));
    }

    private Mono<Void> fire(UUID orgId) {
        return settings.claimCrossing(orgId)
                .flatMap(this::charge);
    }

    private Mono<Void> charge(CreditSettingsStore.TopUpClaim claim) {
        long amountCents = Math.ceilDiv(claim.amountNanos(), PurchaseFee.NANOS_PER_CENT);
        long feeCents = fee.feeCents(amountCents);
        String purchaseId = "pur_auto_" + claim.orgId().toString().replace("-", "") + "_" + claim.crossing();
        log.info("Balance of organisation {} fell below its auto top-up threshold (crossing {}): charging {} cents",
                claim.orgId(), claim.crossing(), amountCents + feeCents);
        PaymentIntentCreateParams params = PaymentIntentCreateParams.builder()
                .setAmount(amountCents + feeCents)
                .setCurrency("usd")
                .setCustomer(claim.customerId())
                .setPaymentMethod(claim.paymentMethodId())
                .setOffSession(true)
                .setConfirm(true)
                .setDescription("Switchboard auto top-up")
                .putMetadata("purchase_id", purchaseId)
                .putMetadata("org_id", claim.orgId().toString())
                .build();
        return purchases.insertPending(purchaseId, claim.orgId(), "auto_topup",
                        PurchaseFee.centsToNanos(amountCents), PurchaseFee.centsToNanos(feeCents), amountCents + feeCents, null)
                .then(stripe.createPaymentIntent(params, "auto-topup:" + claim.orgId() + ":" + claim.crossing()))
                .flatMap(intent -> settle(purchaseId, intent))
                .onErrorResume(e -> failed(purchaseId, e))
                // Back above the threshold re-arms; still below stays disarmed (this crossing has fired).
                .then(Mono.defer(() -> check(claim.orgId())));
    }

    /** A synchronous success credits at once; the later webhook for the same intent changes nothing. */
    private Mono<Void> settle(String purchaseId, PaymentIntent intent) {
        boolean paid = "succeeded".equals(intent.getStatus());
        boolean failed = "canceled".equals(intent.getStatus()) || "requires_payment_method".equals(intent.getStatus());
        StripeFacts facts = new StripeFacts(paid, failed, null, intent.getId(), null, 0);
        return purchases.recordFacts(purchaseId, facts)
                .then(crediting.reconcile(purchaseId))
                .as(tx::transactional)
                .then(crediting.mirror(purchaseId));
    }

    private Mono<Void> failed(String purchaseId, Throwable e) {
        log.warn("Auto top-up {} failed: {}", purchaseId, e.getMessage());
        return purchases.recordFacts(purchaseId, new StripeFacts(false, true, null, null, null, 0));
    }
}
