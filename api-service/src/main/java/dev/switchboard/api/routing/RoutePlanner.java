package dev.switchboard.api.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.switchboard.api.catalog.CatalogSync;
import dev.switchboard.api.catalog.CatalogView;
import dev.switchboard.api.catalog.Endpoint;
import dev.switchboard.api.catalog.Model;
import dev.switchboard.api.error.ApiException;
import dev.switchboard.api.provider.ProviderDirectory;

/**
 * Resolves a model id against the in-memory catalog and lists the endpoints that can serve the
 * request, cheapest first (by prompt plus completion price). Nothing here touches the network.
 */
@Component
public class RoutePlanner {

    private static final Comparator<Candidate> CHEAPEST_FIRST = Comparator.comparing(
            (Candidate c) -> c.endpoint().prices().prompt().add(c.endpoint().prices().completion()));

    private final CatalogSync catalog;
    private final ProviderDirectory directory;

    public RoutePlanner(CatalogSync catalog, ProviderDirectory directory) {
        this.catalog = catalog;
        this.directory = directory;
    }

    /**
     * @param promptTokens estimated prompt size, to drop endpoints whose context cannot hold it
     * @throws ApiException 404 for an unknown model (with the closest ids), 503 when none of its
     *                      endpoints is usable now
     */
    public Route plan(String modelId, long promptTokens) {
        CatalogView view = catalog.view();
        Model model = view.model(modelId).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                "Model '" + modelId + "' is not in the catalog", Map.of("suggestions", view.closest(modelId, 3))));
        List<Candidate> candidates = new ArrayList<>(model.endpoints().size());
        List<String> excluded = new ArrayList<>();
        for (Endpoint endpoint : model.endpoints()) {
            if (!endpoint.active()) {
                excluded.add(endpoint.provider().slug() + ": disabled");
                continue;
            }
            if (endpoint.contextLength() > 0 && promptTokens >= endpoint.contextLength()) {
                excluded.add(endpoint.provider().slug() + ": prompt exceeds context of " + endpoint.contextLength());
                continue;
            }
            directory.connect(endpoint).ifPresentOrElse(
                    connection -> candidates.add(new Candidate(endpoint, connection)),
                    () -> excluded.add(endpoint.provider().slug() + ": no platform key configured"));
        }
        if (candidates.isEmpty()) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
                    "No available endpoint for model '" + modelId + "'", Map.of("excluded", excluded));
        }
        candidates.sort(CHEAPEST_FIRST);
        return new Route(model, List.copyOf(candidates));
    }

    /** A model and the endpoints to try, in order. */
    public record Route(Model model, List<Candidate> candidates) {
    }
}
