package dev.switchboard.catalog.pricing;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.switchboard.catalog.error.CatalogException;
import dev.switchboard.catalog.snapshot.SnapshotStore;
import dev.switchboard.contracts.catalog.Prices;

/**
 * Internal price API: the price in force at an instant, and appending a price change (which
 * rebuilds the snapshot at once, and again when a future-dated change takes effect).
 */
@RestController
class PriceController {

    private final PriceHistory prices;
    private final SnapshotStore snapshots;

    PriceController(PriceHistory prices, SnapshotStore snapshots) {
        this.prices = prices;
        this.snapshots = snapshots;
    }

    /** {@code GET /internal/catalog/endpoints/{id}/price?at=2026-08-01T00:00:00Z} (default: now). */
    @GetMapping("/internal/catalog/endpoints/{endpointId}/price")
    Mono<Prices> inForce(@PathVariable UUID endpointId,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant at) {
        return prices.inForce(endpointId, at == null ? Instant.now() : at)
                .switchIfEmpty(Mono.error(() -> CatalogException.notFound(
                        "no price in force for endpoint " + endpointId, Map.of())));
    }

    @PostMapping("/internal/catalog/endpoints/{endpointId}/prices")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Prices> add(@PathVariable UUID endpointId, @RequestBody PriceChange change) {
        return prices.add(endpointId, change)
                .flatMap(added -> snapshots.refresh().thenReturn(added));
    }
}
