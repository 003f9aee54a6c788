package dev.switchboard.catalog.publicapi;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.switchboard.catalog.snapshot.Catalog;
import dev.switchboard.contracts.catalog.EndpointInfo;
import dev.switchboard.contracts.catalog.ModelInfo;
import dev.switchboard.contracts.catalog.Prices;
import dev.switchboard.contracts.catalog.ProviderInfo;

/**
 * The public views of one catalog version, rendered once and reused for every request until the
 * version changes.
 *
 * <p>A model's {@code pricing} and {@code top_provider} are those of its cheapest active endpoint
 * (prompt + completion price per token), the endpoint price-first routing would pick.
 */
record Listing(String version, List<OpenRouterModel> models, Map<String, OpenRouterModel> modelsById,
               Map<String, ModelInfo> infoById, Map<String, ProviderInfo> providers) {

    static Listing of(Catalog catalog) {
        Map<String, ProviderInfo> providers = catalog.snapshot().providers().stream()
                .collect(Collectors.toMap(ProviderInfo::slug, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        List<OpenRouterModel> models = catalog.snapshot().models().stream()
                .map(m -> model(m, catalog.details().get(m.id())))
                .toList();
        Map<String, OpenRouterModel> byId = models.stream()
                .collect(Collectors.toMap(OpenRouterModel::id, Function.identity()));
        Map<String, ModelInfo> infoById = catalog.snapshot().models().stream()
                .collect(Collectors.toMap(ModelInfo::id, Function.identity()));
        return new Listing(catalog.version(), models, byId, infoById, providers);
    }

    private static OpenRouterModel model(ModelInfo m, Catalog.ModelDetails details) {
        EndpointInfo top = top(m.endpoints());
        return new OpenRouterModel(
                m.id(),
                m.canonicalSlug(),
                m.name(),
                m.created(),
                m.description(),
                m.contextLength(),
                architecture(m, details),
                pricing(top.prices()),
                new OpenRouterModel.TopProvider(top.contextLength(), top.maxCompletionTokens(), details.moderated()),
                null,
                m.supportedParameters(),
                Map.of(),
                null,
                null,
                null,
                new OpenRouterModel.Links("/api/v1/models/" + m.id() + "/endpoints"));
    }

    static OpenRouterModel.Architecture architecture(ModelInfo m, Catalog.ModelDetails details) {
        return new OpenRouterModel.Architecture(details.modality(), m.inputModalities(), m.outputModalities(),
                details.tokenizer(), details.instructType());
    }

    static EndpointInfo top(List<EndpointInfo> endpoints) {
        Comparator<EndpointInfo> activeFirst = Comparator.comparing(e -> !"active".equals(e.status()));
        return endpoints.stream()
                .min(activeFirst.thenComparing(Listing::tokenPrice))
                .orElseThrow(); // the snapshot never holds a model without endpoints
    }

    private static BigDecimal tokenPrice(EndpointInfo e) {
        return new BigDecimal(e.prices().prompt()).add(new BigDecimal(e.prices().completion()));
    }

    static OpenRouterModel.Pricing pricing(Prices p) {
        return new OpenRouterModel.Pricing(p.prompt(), p.completion(), p.request(), p.image(),
                zeroAsAbsent(p.cacheRead()), zeroAsAbsent(p.cacheWrite()));
    }

    private static String zeroAsAbsent(String price) {
        return "0".equals(price) ? null : price;
    }
}
