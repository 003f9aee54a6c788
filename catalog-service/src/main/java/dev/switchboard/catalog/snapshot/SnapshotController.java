package dev.switchboard.catalog.snapshot;

import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import dev.switchboard.contracts.catalog.CatalogSnapshot;

/**
 * {@code GET /internal/catalog/snapshot}: the catalog the api-service routes by, with
 * {@code ETag: "<version>"}; a request with {@code If-None-Match} of the current version gets 304.
 */
@RestController
class SnapshotController {

    private final SnapshotStore store;

    SnapshotController(SnapshotStore store) {
        this.store = store;
    }

    @GetMapping("/internal/catalog/snapshot")
    Mono<ResponseEntity<CatalogSnapshot>> snapshot(ServerWebExchange exchange) {
        return store.current()
                .map(catalog -> respond(exchange, catalog));
    }

    private static ResponseEntity<CatalogSnapshot> respond(ServerWebExchange exchange, Catalog catalog) {
        String etag = "\"" + catalog.version() + "\"";
        if (exchange.checkNotModified(etag)) {
            return ResponseEntity.status(304).eTag(etag).build();
        }
        return ResponseEntity.ok().eTag(etag).body(catalog.snapshot());
    }
}
