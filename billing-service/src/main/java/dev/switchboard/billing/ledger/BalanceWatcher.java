package dev.switchboard.billing.ledger;

import java.util.Collection;
import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * Told after the ledger balance of some organisations may have moved across a threshold: a usage
 * batch was committed, a purchase was credited or refunded, a grant was posted, or the organisation's
 * credit settings changed. Auto top-up and the low-balance alert watch for a crossing below their
 * thresholds, and re-arm when the balance is back above. Implementations read the balance themselves,
 * so a call is always safe to repeat. Callers go through {@link BalanceWatchers}.
 */
public interface BalanceWatcher {

    Mono<Void> balancesChanged(Collection<UUID> orgIds);
}
