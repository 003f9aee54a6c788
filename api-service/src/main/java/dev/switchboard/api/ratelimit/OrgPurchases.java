package dev.switchboard.api.ratelimit;

import java.util.UUID;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.switchboard.api.billing.BillingClient;
import dev.switchboard.contracts.billing.PurchasesView;

/**
 * What an organisation has bought, from billing-service's ledger, cached per instance for
 * {@link FreeModelProperties#purchaseCacheTtl()} so that only the first free request in a while asks.
 */
@Component
class OrgPurchases {

    private static final Logger log = LoggerFactory.getLogger(OrgPurchases.class);

    private final BillingClient billing;
    private final AsyncCache<UUID, Long> cache;
    private final Counter unavailable;

    OrgPurchases(BillingClient billing, FreeModelProperties properties, MeterRegistry meters) {
        this.billing = billing;
        this.cache = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(properties.purchaseCacheTtl()).buildAsync();
        this.unavailable = meters.counter("switchboard.free_models.purchases_unavailable");
    }

    /**
     * Purchases in nanos. When billing-service cannot answer, 0 (not cached): the organisation gets
     * the smaller daily allowance for now rather than an unlimited one — a limit must not fail open.
     */
    Mono<Long> purchasedNanos(UUID orgId) {
        return Mono.fromFuture(cache.get(orgId, (org, executor) -> billing.purchaseTotal(org)
                        .map(PurchasesView::purchasedNanos)
                        .defaultIfEmpty(0L)
                        .toFuture()), true)
                .onErrorResume(error -> {
                    unavailable.increment();
                    log.warn("Purchases of organisation {} unavailable, using the smaller free allowance: {}", orgId,
                            error.toString());
                    return Mono.just(0L);
                });
    }
}
