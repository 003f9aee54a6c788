package dev.switchboard.billing.ledger;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.switchboard.billing.error.BillingException;
import dev.switchboard.contracts.billing.CreditsView;
import dev.switchboard.contracts.billing.GrantRequest;

/**
 * Operator grants: validated, posted once per transfer id (debit {@code platform:grants}, credit the
 * organisation), then mirrored into the Redis balance after the ledger has committed; the balance
 * watchers then see the raised balance (a low-balance alert re-arms).
 */
@Component
class Grants {

    private static final Logger log = LoggerFactory.getLogger(Grants.class);

    /** One grant moves at most 1,000,000 USD; anything above is a typo, not a grant. */
    static final long MAX_GRANT_NANOS = 1_000_000L * 1_000_000_000L;
    static final int MAX_TRANSFER_ID_CHARS = 128;
    static final int MAX_NOTE_CHARS = 1_000;

    private final Ledger ledger;
    private final SpendableBalance balance;
    private final BalanceWatchers watchers;

    Grants(Ledger ledger, SpendableBalance balance, BalanceWatchers watchers) {
        this.ledger = ledger;
        this.balance = balance;
        this.watchers = watchers;
    }

    Mono<CreditsView> grant(GrantRequest request) {
        return Mono.fromCallable(() -> toTransfer(request))
                .flatMap(transfer -> requireAccount(request.orgId()).thenReturn(transfer))
                .flatMap(this::postOnce)
                .flatMap(transfer -> mirror(request.orgId(), transfer))
                .then(Mono.defer(() -> watchers.changed(request.orgId())))
                .then(Mono.defer(() -> ledger.credits(request.orgId())));
    }

    private static Transfer toTransfer(GrantRequest request) {
        String id = request.transferId();
        if (id == null || id.isBlank() || id.length() > MAX_TRANSFER_ID_CHARS) {
            throw BillingException.badRequest("transferId must be 1 to " + MAX_TRANSFER_ID_CHARS + " characters");
        }
        if (TransferKind.looksLikeUsageLeg(id)) {
            throw BillingException.badRequest("transferId must not end in :upstream, :fee or :byok_fee, "
                    + "which name usage legs");
        }
        if (id.startsWith("purchase:") || id.startsWith("refund:")) {
            // Those ids belong to Stripe purchases: a grant taking one would make the purchase look posted.
            throw BillingException.badRequest("transferId must not start with purchase: or refund:, "
                    + "which name Stripe purchases");
        }
        if (request.orgId() == null) {
            throw BillingException.badRequest("orgId is required");
        }
        if (request.amountNanos() <= 0 || request.amountNanos() > MAX_GRANT_NANOS) {
            throw BillingException.badRequest("amountNanos must be positive and at most " + MAX_GRANT_NANOS
                    + " (1,000,000 USD)");
        }
        if (request.note() != null && request.note().length() > MAX_NOTE_CHARS) {
            throw BillingException.badRequest("note must be at most " + MAX_NOTE_CHARS + " characters");
        }
        return new Transfer(id, TransferKind.GRANT, AccountCode.GRANTS, AccountCode.org(request.orgId()),
                request.amountNanos(), null, request.note());
    }

    private Mono<Void> requireAccount(UUID orgId) {
        return ledger.hasOrgAccount(orgId)
                .filter(Boolean::booleanValue)
                .switchIfEmpty(Mono.error(() -> BillingException.notFound(
                        "No credit account for organisation " + orgId)))
                .then();
    }

    /** A retried grant returns the same answer; an id reused for a different grant is refused. */
    private Mono<Transfer> postOnce(Transfer transfer) {
        return ledger.postOnce(transfer)
                .filter(stored -> stored.sameMovementAs(transfer))
                .switchIfEmpty(Mono.error(() -> BillingException.conflict(
                        "transferId " + transfer.id() + " was already used for a different transfer")));
    }

    /**
     * The grant is committed whatever happens here. If Redis fails, the caller is told to retry with
     * the same transferId: the ledger posts nothing twice and the mirror adds the credit once.
     */
    private Mono<Void> mirror(UUID orgId, Transfer transfer) {
        return balance.applyCredit(orgId, transfer.id(), transfer.amountNanos())
                .onErrorMap(e -> !(e instanceof BillingException), e -> {
                    log.warn("Grant {} is in the ledger but not yet in the Redis balance: {}",
                            transfer.id(), e.toString());
                    return BillingException.unavailable("The grant is recorded but the spendable balance was not "
                            + "updated; retry with the same transferId");
                });
    }
}
