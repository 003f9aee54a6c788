package dev.switchboard.api.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.switchboard.api.catalog.CatalogView;
import dev.switchboard.contracts.catalog.CatalogSnapshot;
import dev.switchboard.contracts.catalog.EndpointInfo;
import dev.switchboard.contracts.catalog.ModelInfo;
import dev.switchboard.contracts.catalog.Prices;
import dev.switchboard.contracts.catalog.ProviderInfo;

/**
 * Builds a {@link CatalogView} the way catalog-service's snapshot describes one, for routing tests
 * and the routing benchmark: providers with their data policy, models with endpoints and prices.
 */
public final class TestCatalog {

    private final Map<String, ProviderInfo> providers = new LinkedHashMap<>();
    private final Map<String, List<EndpointInfo>> endpoints = new LinkedHashMap<>();
    private final Map<String, List<String>> modalities = new LinkedHashMap<>();

    public TestCatalog provider(String slug) {
        return provider(slug, false, false, null);
    }

    public TestCatalog provider(String slug, boolean trainsOnData, boolean retainsPrompts, Integer retentionDays) {
        providers.put(slug, new ProviderInfo(slug, slug.substring(0, 1).toUpperCase() + slug.substring(1), "openai",
                "http://127.0.0.1:9/" + slug, false, true, trainsOnData, retainsPrompts, retentionDays, "active"));
        return this;
    }

    public TestCatalog model(String id, String... inputModalities) {
        endpoints.putIfAbsent(id, new ArrayList<>());
        modalities.put(id, List.of(inputModalities));
        return this;
    }

    /** An active endpoint {@code id} of {@code model} at {@code provider}, prices in USD per token. */
    public TestCatalog endpoint(String model, String id, String provider, String prompt, String completion) {
        return endpoint(model, id, provider, prompt, completion, 128_000, null,
                List.of("max_tokens", "temperature", "tools", "tool_choice", "response_format"), "active");
    }

    public TestCatalog endpoint(String model, String id, String provider, String prompt, String completion,
                                long context, String quantization, List<String> parameters, String status) {
        return endpoint(model, id, provider, new Prices("price-" + id, prompt, completion, "0", "0", "0", "0",
                Instant.EPOCH), context, quantization, parameters, status);
    }

    public TestCatalog endpoint(String model, String id, String provider, Prices prices, long context,
                                String quantization, List<String> parameters, String status) {
        endpoints.computeIfAbsent(model, m -> new ArrayList<>())
                .add(new EndpointInfo(id, provider, model + "@" + provider, prices, context, null, quantization,
                        parameters, status));
        return this;
    }

    public CatalogView view() {
        List<ModelInfo> models = new ArrayList<>();
        endpoints.forEach((id, list) -> models.add(new ModelInfo(id, id, id, 0, "", 128_000,
                modalities.getOrDefault(id, List.of()), List.of("text"), List.of(), List.copyOf(list))));
        return CatalogView.of(new CatalogSnapshot("test", Instant.EPOCH, List.copyOf(providers.values()), models));
    }
}
