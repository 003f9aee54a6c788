package dev.switchboard.api.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.switchboard.api.catalog.CatalogSync;
import dev.switchboard.api.catalog.CatalogView;
import dev.switchboard.api.catalog.Endpoint;
import dev.switchboard.api.catalog.Model;
import dev.switchboard.api.error.ApiException;

/**
 * Decides where a request may go and in which order, from the in-memory catalog and this
 * instance's view of endpoint health. Nothing here touches the network (the sticky endpoint is
 * looked up by the caller and passed in), so a decision for a model with 20 endpoints takes
 * microseconds.
 *
 * <p>For each model of the request, in fallback order: every endpoint passes the request's
 * filters ({@link EndpointFilters}) or is excluded with the first filter it failed; the survivors
 * that the platform can call ({@link CandidateConnections}) and whose circuit is not open are
 * ordered ({@link CandidateOrdering}). The models' lists are joined, first model first, so failover
 * moves to the next endpoint and then to the next model.
 *
 * <p>Unknown model → 404 with the closest catalogued ids. Nothing left → 404 naming which filter
 * removed which endpoint, or 503 when only availability (disabled, circuit open, no credential)
 * removed them.
 */
@Component
public class RoutePlanner {

    private final Supplier<CatalogView> catalog;
    private final CandidateConnections connections;
    private final EndpointHealth health;
    private final CandidateOrdering ordering;
    private final RandomGenerator random;

    @Autowired
    public RoutePlanner(CatalogSync catalog, CandidateConnections connections, EndpointHealth health) {
        this(catalog::view, connections, health, ThreadLocalRandomGenerator.INSTANCE);
    }

    /** @param random the draw behind the price-weighted order; seeded in tests */
    public RoutePlanner(Supplier<CatalogView> catalog, CandidateConnections connections, EndpointHealth health,
                        RandomGenerator random) {
        this.catalog = catalog;
        this.connections = connections;
        this.health = health;
        this.ordering = new CandidateOrdering(health);
        this.random = random;
    }

    /** @param stickyEndpointId the endpoint that served this request's session last, or null */
    public Route plan(RoutingRequest request, String stickyEndpointId) {
        CatalogView view = catalog.get();
        List<Model> models = resolve(view, request);
        List<RankedCandidate> ranked = new ArrayList<>();
        List<Exclusion> excluded = new ArrayList<>();
        List<String> strategy = new ArrayList<>(models.size());
        for (int m = 0; m < models.size(); m++) {
            Model model = models.get(m);
            Variant variant = request.models().get(m).variant();
            ProviderPreferences prefs = preferences(request.provider(), variant);
            List<CandidateOrdering.Slot> slots = usable(model, request, prefs, variant, excluded);
            String how = ordering.order(slots, prefs, stickyEndpointId, random, excluded);
            strategy.add(model.id() + ": " + how);
            for (CandidateOrdering.Slot slot : slots) {
                ranked.add(slot.ranked());
            }
        }
        if (request.provider().sortAcrossModels() && request.provider().sort() != null && models.size() > 1) {
            ranked = sortAcrossModels(ranked, request.provider().sort());
        }
        if (ranked.isEmpty()) {
            throw nothingLeft(request, excluded);
        }
        return new Route(models.getFirst().id(), List.copyOf(ranked), List.copyOf(excluded), List.copyOf(strategy));
    }

    private List<Model> resolve(CatalogView view, RoutingRequest request) {
        List<Model> models = new ArrayList<>(request.models().size());
        for (ModelChoice choice : request.models()) {
            Model model = view.model(choice.modelId())
                    .or(() -> view.model(choice.requested()))
                    .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                            "Model '" + choice.requested() + "' is not in the catalog",
                            Map.of("suggestions", view.closest(choice.modelId(), 3))));
            models.add(model);
        }
        return models;
    }

    /** A variant's sort applies unless the request sorts explicitly. */
    private static ProviderPreferences preferences(ProviderPreferences prefs, Variant variant) {
        if (prefs.sort() != null) {
            return prefs;
        }
        return switch (variant) {
            case NITRO -> prefs.sortedBy(SortBy.THROUGHPUT);
            case FLOOR -> prefs.sortedBy(SortBy.PRICE);
            case NONE, FREE -> prefs;
        };
    }

    private List<CandidateOrdering.Slot> usable(Model model, RoutingRequest request, ProviderPreferences prefs,
                                                Variant variant, List<Exclusion> excluded) {
        List<CandidateOrdering.Slot> slots = new ArrayList<>(model.endpoints().size());
        for (Endpoint endpoint : model.endpoints()) {
            Exclusion failed = EndpointFilters.check(model, endpoint, request, prefs, variant);
            if (failed != null) {
                excluded.add(failed);
                continue;
            }
            List<Candidate> candidates = connections.connect(endpoint, request.orgId());
            if (candidates.isEmpty()) {
                excluded.add(EndpointFilters.exclusion(endpoint, "no_credentials", () -> "no platform key configured"));
                continue;
            }
            BreakerState breaker = health.breaker(endpoint.id());
            if (breaker == BreakerState.OPEN) {
                excluded.add(EndpointFilters.exclusion(endpoint, "circuit_open",
                        () -> "circuit open after consecutive failures; retried after its back-off"));
                continue;
            }
            boolean outage = health.inOutage(endpoint.id());
            for (Candidate candidate : candidates) {
                slots.add(new CandidateOrdering.Slot(candidate, breaker, outage));
            }
        }
        return slots;
    }

    /** {@code sort.partition: "none"}: one sorted list across models; endpoints moved last stay last. */
    private List<RankedCandidate> sortAcrossModels(List<RankedCandidate> ranked, SortBy by) {
        List<CandidateOrdering.Slot> slots = new ArrayList<>(ranked.size());
        for (RankedCandidate r : ranked) {
            String id = r.candidate().endpoint().id();
            CandidateOrdering.Slot slot = new CandidateOrdering.Slot(r.candidate(), health.breaker(id), health.inOutage(id));
            r.placements().forEach(slot::because);
            slots.add(slot);
        }
        ordering.sort(slots, by);
        slots.sort(Comparator.comparing((CandidateOrdering.Slot s) -> s.outage));
        return slots.stream().map(CandidateOrdering.Slot::ranked).toList();
    }

    private static ApiException nothingLeft(RoutingRequest request, List<Exclusion> excluded) {
        boolean onlyAvailability = excluded.stream().allMatch(Exclusion::availability);
        List<Map<String, String>> reasons = new ArrayList<>(excluded.size());
        Map<String, Integer> byFilter = new LinkedHashMap<>();
        for (Exclusion e : excluded) {
            Map<String, String> reason = new LinkedHashMap<>();
            reason.put("model", e.model());
            reason.put("endpoint", e.endpoint());
            reason.put("provider", e.provider());
            reason.put("filter", e.filter());
            reason.put("reason", e.reason());
            reasons.add(reason);
            byFilter.merge(e.filter(), 1, Integer::sum);
        }
        String models = request.models().stream().map(ModelChoice::requested).toList().toString();
        Map<String, Object> metadata = Map.of("excluded", reasons, "excluded_by_filter", byFilter);
        if (onlyAvailability && !excluded.isEmpty()) {
            return new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
                    "No available endpoint for " + models + " right now: " + summary(byFilter), metadata);
        }
        return new ApiException(HttpStatus.NOT_FOUND,
                "No endpoints found that can serve this request for " + models + ": " + summary(byFilter), metadata);
    }

    private static String summary(Map<String, Integer> byFilter) {
        if (byFilter.isEmpty()) {
            return "the model has no endpoints";
        }
        StringBuilder s = new StringBuilder();
        byFilter.forEach((filter, count) -> s.append(s.isEmpty() ? "" : ", ").append(count).append(" removed by ").append(filter));
        return s.toString();
    }

    /** {@link ThreadLocalRandom} behind the {@link RandomGenerator} interface: no contention between request threads. */
    private enum ThreadLocalRandomGenerator implements RandomGenerator {
        INSTANCE;

        @Override
        public long nextLong() {
            return ThreadLocalRandom.current().nextLong();
        }

        @Override
        public double nextDouble() {
            return ThreadLocalRandom.current().nextDouble();
        }
    }
}
