package dev.switchboard.billing.ledger;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Tells every {@link BalanceWatcher}, one after the other, after a change to balances has been
 * committed. Whatever moved the balance stays committed whatever a watcher does: a watcher's failure
 * is logged and swallowed here, never retried, because the next change re-checks the same state
 * (each watcher keeps its crossing in the database, not in memory).
 */
@Component
public class BalanceWatchers {

    private static final Logger log = LoggerFactory.getLogger(BalanceWatchers.class);

    /** Looked up on use: auto top-up, itself a watcher, credits purchases through beans that tell this one. */
    private final ObjectProvider<BalanceWatcher> watchers;

    BalanceWatchers(ObjectProvider<BalanceWatcher> watchers) {
        this.watchers = watchers;
    }

    public Mono<Void> changed(UUID orgId) {
        return changed(List.of(orgId));
    }

    public Mono<Void> changed(Collection<UUID> orgIds) {
        if (orgIds.isEmpty()) {
            return Mono.empty();
        }
        return Flux.fromStream(watchers::orderedStream)
                .concatMap(watcher -> watcher.balancesChanged(orgIds)
                        .onErrorResume(e -> {
                            log.warn("Balance watcher {} failed: {}", watcher.getClass().getSimpleName(), e.toString());
                            return Mono.empty();
                        }))
                .then();
    }
}
