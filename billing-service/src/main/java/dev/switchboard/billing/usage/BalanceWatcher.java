package dev.switchboard.billing.usage;

import java.util.Collection;
import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * Told after a batch of usage is committed to the ledger, with the organisations whose balance it
 * lowered (auto top-up watches for a crossing below a threshold). A failure here never holds up the
 * usage stream: the consumer logs it and carries on.
 */
public interface BalanceWatcher {

    Mono<Void> usagePosted(Collection<UUID> orgIds);
}
