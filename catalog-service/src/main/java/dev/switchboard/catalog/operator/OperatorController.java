package dev.switchboard.catalog.operator;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.switchboard.catalog.snapshot.SnapshotStore;

/**
 * Internal operator switches and edits. Each answers after the snapshot was rebuilt, with the version
 * that carries the change: the api-service routes only to {@code active} endpoints, and a provider or
 * model that is not active takes its endpoints with it (a disabled model leaves the listings).
 */
@RestController
class OperatorController {

    private final CatalogEdits edits;
    private final SnapshotStore snapshots;
    private final Clock clock = Clock.systemUTC();

    OperatorController(CatalogEdits edits, SnapshotStore snapshots) {
        this.edits = edits;
        this.snapshots = snapshots;
    }

    @PutMapping("/internal/catalog/providers/{slug}/status")
    Mono<StatusView> providerStatus(@PathVariable String slug, @RequestBody StatusChange change) {
        return edits.setProviderStatus(slug, change, now()).flatMap(this::withNewVersion);
    }

    @PutMapping("/internal/catalog/models/{author}/{slug}/status")
    Mono<StatusView> modelStatus(@PathVariable String author, @PathVariable String slug,
                                 @RequestBody StatusChange change) {
        return edits.setModelStatus(author + "/" + slug, change, now()).flatMap(this::withNewVersion);
    }

    @PutMapping("/internal/catalog/endpoints/{endpointId}/status")
    Mono<StatusView> endpointStatus(@PathVariable UUID endpointId, @RequestBody StatusChange change) {
        return edits.setEndpointStatus(endpointId, change, now()).flatMap(this::withNewVersion);
    }

    @PostMapping("/internal/catalog/models/{author}/{slug}/endpoints")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<StatusView> addEndpoint(@PathVariable String author, @PathVariable String slug,
                                 @RequestBody NewEndpoint endpoint) {
        return edits.addEndpoint(author + "/" + slug, endpoint, now())
                .map(id -> new StatusView("endpoint", id.toString(), "active", null, null))
                .flatMap(this::withNewVersion);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private Mono<StatusView> withNewVersion(StatusView changed) {
        return snapshots.refresh()
                .map(catalog -> new StatusView(changed.kind(), changed.id(), changed.status(), changed.reason(),
                        catalog.version()));
    }
}
