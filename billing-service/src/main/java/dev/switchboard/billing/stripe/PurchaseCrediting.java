package dev.switchboard.billing.stripe;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.switchboard.billing.error.BillingException;
import dev.switchboard.billing.ledger.AccountCode;
import dev.switchboard.billing.ledger.Ledger;
import dev.switchboard.billing.ledger.SpendableBalance;
import dev.switchboard.billing.ledger.Transfer;
import dev.switchboard.billing.ledger.TransferKind;

/**
 * Brings the ledger in line with what Stripe has said about a purchase. Whatever order events came
 * in, the books end up holding: the amount credited once if the purchase is paid
 * ({@code purchase:<id>}, debit {@code platform:stripe}), and reversals adding up to the refunded
 * proportion of it ({@code refund:<id>:<cumulative reversed nanos>}, credit {@code platform:stripe}).
 *
 * <p>{@link #reconcile} must run inside the caller's transaction: it locks the purchase row, so two
 * events about the same purchase decide their postings one after the other. {@link #mirror} runs
 * after the commit and is safe to repeat: the Redis balance applies each transfer id once.
 */
@Component
class PurchaseCrediting {

    private static final Logger log = LoggerFactory.getLogger(PurchaseCrediting.class);

    private final PurchaseStore purchases;
    private final Ledger ledger;
    private final SpendableBalance balance;

    PurchaseCrediting(PurchaseStore purchases, Ledger ledger, SpendableBalance balance) {
        this.purchases = purchases;
        this.ledger = ledger;
        this.balance = balance;
    }

    /** Posts what is missing for purchase {@code id}; in the caller's transaction. */
    Mono<Purchase> reconcile(String id) {
        return purchases.lock(id)
                .flatMap(purchase -> ledger.openOrgAccount(purchase.orgId())
                        .then(postCredit(purchase))
                        .then(postReversal(purchase))
                        .thenReturn(purchase));
    }

    /** Applies every committed transfer of the purchase to the Redis balance (each at most once). */
    Mono<Void> mirror(String id) {
        return purchases.find(id)
                .flatMapMany(purchase -> ledger.transfersOfPurchase(id)
                        .concatMap(transfer -> transfer.kind() == TransferKind.PURCHASE
                                ? balance.applyCredit(purchase.orgId(), transfer.id(), transfer.amountNanos())
                                : balance.applyReversal(purchase.orgId(), transfer.id(), transfer.amountNanos())))
                .then();
    }

    private Mono<Void> postCredit(Purchase purchase) {
        if (!purchase.paid()) {
            return Mono.empty();
        }
        Transfer credit = new Transfer(purchase.creditTransferId(), TransferKind.PURCHASE, AccountCode.STRIPE,
                AccountCode.org(purchase.orgId()), purchase.amountNanos(), null,
                purchase.origin() + " " + purchase.id());
        return postExactly(credit);
    }

    private Mono<Void> postReversal(Purchase purchase) {
        long target = purchase.reversalTargetNanos();
        long missing = target - purchase.reversedNanos();
        if (missing <= 0) {
            return Mono.empty();
        }
        Transfer reversal = new Transfer("refund:" + purchase.id() + ":" + target, TransferKind.REFUND,
                AccountCode.org(purchase.orgId()), AccountCode.STRIPE, missing, null,
                "refund of " + purchase.refundedCents() + " of " + purchase.chargedCents() + " cents");
        log.info("Purchase {}: reversing {} nanos of credits for a refund", purchase.id(), missing);
        return postExactly(reversal)
                .then(purchases.recordReversed(purchase.id(), target));
    }

    private Mono<Void> postExactly(Transfer transfer) {
        return ledger.postOnce(transfer)
                .filter(stored -> stored.amountNanos() == transfer.amountNanos() && stored.kind() == transfer.kind()
                        && stored.debit().equals(transfer.debit()) && stored.credit().equals(transfer.credit()))
                .switchIfEmpty(Mono.error(() -> BillingException.conflict(
                        "transfer " + transfer.id() + " is already in the ledger with a different movement")))
                .then();
    }
}
