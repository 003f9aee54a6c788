package dev.switchboard.billing.stripe;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.stripe.model.PaymentIntent;
import com.stripe.param.PaymentIntentCreateParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import dev.switchboard.billing.error.BillingException;
import dev.switchboard.billing.ledger.BalanceWatcher;
import dev.switchboard.billing.ledger.Ledger;

/**
 * Auto top-up: when an organisation's ledger balance falls below its threshold, charge the saved
 * card off-session for the configured amount (plus the purchase fee), at most once per crossing.
 *
 * <p>The crossing is claimed and its pending purchase written in one statement
 * ({@link CreditSettingsStore#claimCrossing}), before Stripe is called, and the Stripe idempotency key
 * names the crossing ({@code auto-topup:<org>:<crossing>}), so neither concurrent checks nor a retry
 * charge twice. A pending auto top-up — Stripe unreachable or answering 5xx, or a crash after the
 * claim — is charged again with the same key on the organisation's next balance change and at every
 * start, until Stripe answers; a declined card is final. The balance coming back to the threshold
 * re-arms it.
 *
 * <p>Ordered before the low-balance alert: a crossing that auto top-up answers at once is no cause for alarm.
 */
@Component
@Order(0)
class AutoTopUp implements BalanceWatcher {

    private static final Logger log = LoggerFactory.getLogger(AutoTopUp.class);

    /**
     * Stripe keeps an idempotency key for at least a day; past that a retry could charge a second
     * time, so a top-up still pending then is given up on (a late webhook still credits it).
     */
    static final Duration RETRY_WINDOW = Duration.ofHours(23);

    private final CreditSettingsStore settings;
    private final Ledger ledger;
    private final PurchaseStore purchases;
    private final PurchaseCrediting crediting;
    private final StripeGateway stripe;
    private final PurchaseFee fee;
    private final TransactionalOperator tx;
    /**
     * Purchases this instance is charging now: a check that runs meanwhile leaves them to that call
     * rather than sending Stripe the same request again (another instance may, harmlessly: same key).
     */
    private final Set<String> charging = ConcurrentHashMap.newKeySet();

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
        return oneAtATime(settings.withAutoTopup(orgIds), this::check);
    }

    /** Retries the organisation's pending top-ups, then fires or re-arms from its ledger balance now. */
    Mono<Void> check(UUID orgId) {
        return retryPending(List.of(orgId))
                .then(Mono.defer(() -> checkLatch(orgId)));
    }

    /** Top-ups left pending before a crash or while Stripe was away are charged as soon as this instance is up. */
    @EventListener(ApplicationReadyEvent.class)
    void retryBacklog() {
        retryPending(null)
                .subscribe(null, e -> log.warn("Pending auto top-ups could not be retried yet: {}", e.toString()));
    }

    private Mono<Void> retryPending(List<UUID> orgIds) {
        return oneAtATime(settings.pendingTopUps(orgIds), this::retry);
    }

    /** One at a time, from a list read to the end: no query's rows are held open while Stripe is called. */
    private static <T> Mono<Void> oneAtATime(Flux<T> rows, Function<T, Mono<Void>> each) {
        return rows.collectList()
                .flatMapMany(Flux::fromIterable)
                .concatMap(each)
                .then();
    }

    private Mono<Void> retry(CreditSettingsStore.PendingTopUp topUp) {
        if (topUp.createdAt().plus(RETRY_WINDOW).isBefore(Instant.now())) {
            log.error("Auto top-up {} had no answer from Stripe within {} and is given up on", topUp.purchaseId(),
                    RETRY_WINDOW);
            return purchases.recordFacts(topUp.purchaseId(), new StripeFacts(false, true, null, null, null, 0));
        }
        log.info("Retrying pending auto top-up {}", topUp.purchaseId());
        return charge(topUp);
    }

    private Mono<Void> checkLatch(UUID orgId) {
        return Mono.zip(settings.get(orgId), ledger.credits(orgId))
                .filter(both -> both.getT1().autoTopupEnabled() && both.getT1().autoTopupThresholdNanos() != null)
                .flatMap(both -> both.getT2().balanceNanos() < both.getT1().autoTopupThresholdNanos()
                        ? fire(orgId, both.getT1().autoTopupAmountNanos())
                        : settings.rearm(orgId));
    }

    private Mono<Void> fire(UUID orgId, long settingNanos) {
        long amountCents = Math.ceilDiv(settingNanos, PurchaseFee.NANOS_PER_CENT);
        long feeCents = fee.feeCents(amountCents);
        return settings.claimCrossing(orgId, settingNanos, PurchaseFee.centsToNanos(amountCents),
                        PurchaseFee.centsToNanos(feeCents), amountCents + feeCents)
                .doOnNext(claim -> log.info("Balance of organisation {} fell below its auto top-up threshold "
                        + "(crossing {}): charging {} cents", orgId, claim.crossing(), claim.chargedCents()))
                // Back above the threshold re-arms; still below stays disarmed (this crossing has fired).
                .flatMap(claim -> charge(claim).then(Mono.defer(() -> checkLatch(orgId))));
    }

    private Mono<Void> charge(CreditSettingsStore.PendingTopUp topUp) {
        return Mono.usingWhen(Mono.fromCallable(() -> charging.add(topUp.purchaseId())),
                first -> first ? chargeOnce(topUp) : Mono.<Void>empty(),
                first -> first ? Mono.fromRunnable(() -> charging.remove(topUp.purchaseId())) : Mono.empty());
    }

    private Mono<Void> chargeOnce(CreditSettingsStore.PendingTopUp topUp) {
        PaymentIntentCreateParams params = PaymentIntentCreateParams.builder()
                .setAmount(topUp.chargedCents())
                .setCurrency("usd")
                .setCustomer(topUp.customerId())
                .setPaymentMethod(topUp.paymentMethodId())
                .setOffSession(true)
                .setConfirm(true)
                .setDescription("Switchboard auto top-up")
                .putMetadata("purchase_id", topUp.purchaseId())
                .putMetadata("org_id", topUp.orgId().toString())
                .build();
        return stripe.createPaymentIntent(params, topUp.idempotencyKey())
                .flatMap(intent -> settle(topUp.purchaseId(), intent))
                .onErrorResume(e -> failed(topUp.purchaseId(), e));
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

    /** A declined card is final; anything else (no answer, 5xx, a lost database) leaves it pending to retry. */
    private Mono<Void> failed(String purchaseId, Throwable e) {
        if (e instanceof BillingException billing && billing.status() == HttpStatus.PAYMENT_REQUIRED) {
            log.warn("Auto top-up {} was declined: {}", purchaseId, e.getMessage());
            return purchases.recordFacts(purchaseId, new StripeFacts(false, true, null, null, null, 0));
        }
        log.warn("Auto top-up {} stays pending and is retried on the next balance change: {}", purchaseId,
                e.getMessage());
        return Mono.empty();
    }
}
