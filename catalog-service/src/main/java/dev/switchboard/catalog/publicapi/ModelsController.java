package dev.switchboard.catalog.publicapi;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.zip.CRC32;

import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import dev.switchboard.catalog.availability.AvailabilityWindows;
import dev.switchboard.catalog.availability.EndpointStats;
import dev.switchboard.catalog.error.CatalogException;
import dev.switchboard.catalog.snapshot.Catalog;
import dev.switchboard.catalog.snapshot.SnapshotStore;
import dev.switchboard.contracts.catalog.EndpointInfo;
import dev.switchboard.contracts.catalog.ModelInfo;
import dev.switchboard.contracts.catalog.ProviderInfo;

/**
 * The public model and provider listings. The unfiltered model list is serialised once per catalog
 * version and served from those bytes; every list carries an {@code ETag} of the version (and the
 * filter) and a short public {@code Cache-Control}, since the catalog changes rarely.
 */
@RestController
class ModelsController {

    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofSeconds(60)).cachePublic();

    private final SnapshotStore store;
    private final AvailabilityWindows availability;
    private final ObjectMapper json;
    private final AtomicReference<Rendered> rendered = new AtomicReference<>();

    ModelsController(SnapshotStore store, AvailabilityWindows availability, ObjectMapper json) {
        this.store = store;
        this.availability = availability;
        this.json = json;
    }

    @GetMapping("/api/v1/models")
    Mono<ResponseEntity<byte[]>> models(@RequestParam(name = "supported_parameters", required = false) String parameters,
                                        @RequestParam(name = "output_modalities", required = false) String outputs,
                                        ServerWebExchange exchange) {
        ModelFilter filter = ModelFilter.parse(parameters, outputs);
        return rendered()
                .map(r -> filter.isEmpty()
                        ? cached(exchange, r.listing().version(), () -> r.allModels())
                        : cached(exchange, r.listing().version() + "-" + crc(filter.key()),
                                () -> json.writeValueAsBytes(list(r.listing(), filter))));
    }

    @GetMapping("/api/v1/models/count")
    Mono<Responses.ModelCount> count() {
        return rendered()
                .map(r -> new Responses.ModelCount(new Responses.Count(r.listing().models().size())));
    }

    @GetMapping("/api/v1/models/{author}/{slug}/endpoints")
    Mono<Responses.EndpointList> endpoints(@PathVariable String author, @PathVariable String slug) {
        String id = author + "/" + slug;
        return Mono.zip(rendered(), availability.current())
                .map(both -> endpointList(both.getT1().listing(), id, both.getT2()));
    }

    @GetMapping("/api/v1/providers")
    Mono<Responses.ProviderList> providers() {
        return rendered()
                .map(r -> new Responses.ProviderList(r.listing().providers().values().stream()
                        .map(ModelsController::publicProvider)
                        .toList()));
    }

    private Mono<Rendered> rendered() {
        return store.current()
                .map(this::renderedFor);
    }

    /** Renders a catalog version once; concurrent first requests may render twice, harmlessly. */
    private Rendered renderedFor(Catalog catalog) {
        Rendered r = rendered.get();
        if (r != null && r.listing().version().equals(catalog.version())) {
            return r;
        }
        Listing listing = Listing.of(catalog);
        byte[] all = json.writeValueAsBytes(list(listing, ModelFilter.parse(null, null)));
        Rendered fresh = new Rendered(listing, all);
        rendered.set(fresh);
        return fresh;
    }

    private static Responses.ModelList list(Listing listing, ModelFilter filter) {
        List<OpenRouterModel> models = listing.models().stream()
                .filter(filter::accepts)
                .toList();
        return new Responses.ModelList(models, models.size(), new Responses.Links(null));
    }

    private static ResponseEntity<byte[]> cached(ServerWebExchange exchange, String version, Supplier<byte[]> body) {
        String etag = "\"" + version + "\"";
        if (exchange.checkNotModified(etag)) {
            return ResponseEntity.status(304).eTag(etag).cacheControl(CACHE).build();
        }
        return ResponseEntity.ok()
                .eTag(etag)
                .cacheControl(CACHE)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body.get());
    }

    private static Responses.EndpointList endpointList(Listing listing, String id,
                                                       Map<String, EndpointStats> availability) {
        ModelInfo model = listing.infoById().get(id);
        if (model == null) {
            throw CatalogException.notFound("Model " + id + " not found",
                    Map.of("suggestions", ModelSuggestions.closest(id, listing.infoById().keySet())));
        }
        OpenRouterModel view = listing.modelsById().get(id);
        List<PublicEndpoint> endpoints = model.endpoints().stream()
                .map(e -> publicEndpoint(model, e, listing.providers().get(e.provider()),
                        availability.getOrDefault(e.id(), EndpointStats.NONE)))
                .toList();
        return new Responses.EndpointList(new Responses.ModelEndpoints(model.id(), model.name(), model.created(),
                model.description(), view.architecture(), endpoints));
    }

    private static PublicEndpoint publicEndpoint(ModelInfo model, EndpointInfo e, ProviderInfo provider,
                                                 EndpointStats stats) {
        String tag = e.quantization() == null ? e.provider() : e.provider() + "/" + e.quantization();
        return new PublicEndpoint(
                provider.name() + " | " + model.id(),
                model.id(),
                model.name(),
                e.contextLength(),
                Listing.pricing(e.prices()),
                provider.name(),
                tag,
                e.quantization(),
                e.maxCompletionTokens(),
                e.contextLength(),
                e.supportedParameters(),
                status(e.status()),
                stats.uptimeLast5m(),
                stats.uptimeLast30m(),
                stats.uptimeLast1d(),
                !"0".equals(e.prices().cacheRead()),
                percentiles(stats.latencyLast30m()),
                percentiles(stats.throughputLast30m()));
    }

    private static PublicEndpoint.Percentiles percentiles(EndpointStats.Percentiles p) {
        return p == null ? null : new PublicEndpoint.Percentiles(p.p50(), p.p75(), p.p90(), p.p99());
    }

    /**
     * OpenRouter's numeric endpoint status: 0 is serving; it does not document the negative codes, so
     * Switchboard uses -5 for an endpoint marked down and -10 for one disabled by the operator.
     */
    private static int status(String status) {
        return switch (status) {
            case "down" -> -5;
            case "disabled" -> -10;
            default -> 0;
        };
    }

    private static Responses.PublicProvider publicProvider(ProviderInfo p) {
        return new Responses.PublicProvider(p.name(), p.slug(), null, null, null,
                new Responses.DataPolicy(p.trainsOnData(), p.retainsPrompts(), p.retentionDays()));
    }

    private static String crc(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }

    /** A catalog version's listing and its unfiltered model list, already serialised. */
    private record Rendered(Listing listing, byte[] allModels) {
    }
}
