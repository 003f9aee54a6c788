package dev.switchboard.api.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.switchboard.contracts.catalog.CatalogSnapshot;
import dev.switchboard.contracts.catalog.EndpointInfo;
import dev.switchboard.contracts.catalog.ModelInfo;
import dev.switchboard.contracts.catalog.ProviderInfo;

/**
 * An immutable, indexed catalog snapshot. Built once per snapshot version off the request path;
 * lookups are hash-map reads.
 */
public final class CatalogView {

    public static final CatalogView EMPTY = new CatalogView("none", Map.of());

    private final String version;
    private final Map<String, Model> models;

    private CatalogView(String version, Map<String, Model> models) {
        this.version = version;
        this.models = models;
    }

    public static CatalogView of(CatalogSnapshot snapshot) {
        Map<String, Provider> providers = new HashMap<>();
        for (ProviderInfo p : snapshot.providers()) {
            providers.put(p.slug(), new Provider(p.slug(), p.name(), p.apiStyle(), p.baseUrl(), p.simulated(),
                    p.trainsOnData(), p.retainsPrompts(), p.retentionDays()));
        }
        Map<String, Model> models = new HashMap<>();
        for (ModelInfo m : snapshot.models()) {
            List<Endpoint> endpoints = new ArrayList<>();
            for (EndpointInfo e : m.endpoints()) {
                Provider provider = providers.get(e.provider());
                if (provider == null || e.prices() == null) {
                    continue; // an endpoint without a known provider or price cannot be routed or charged
                }
                long context = e.contextLength() > 0 ? e.contextLength() : m.contextLength();
                endpoints.add(new Endpoint(e.id(), m.id(), provider, e.upstreamModelId(), PriceSheet.of(e.prices()),
                        context, e.maxCompletionTokens() == null ? 0 : e.maxCompletionTokens(),
                        e.supportedParameters() == null ? Set.of() : new HashSet<>(e.supportedParameters()),
                        e.status() == null || "active".equals(e.status()), e.quantization()));
            }
            models.put(m.id(), new Model(m.id(), m.name(), m.contextLength(), List.copyOf(endpoints),
                    m.inputModalities(), m.outputModalities()));
        }
        return new CatalogView(snapshot.version(), Map.copyOf(models));
    }

    public String version() {
        return version;
    }

    public int size() {
        return models.size();
    }

    public Optional<Model> model(String id) {
        return Optional.ofNullable(models.get(id));
    }

    /** Up to {@code limit} catalogued ids closest to {@code id}, for "did you mean" hints. */
    public List<String> closest(String id, int limit) {
        String wanted = id.toLowerCase(Locale.ROOT);
        return models.keySet().stream()
                .sorted(Comparator.comparingInt((String candidate) -> distance(wanted, candidate.toLowerCase(Locale.ROOT)))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(limit)
                .toList();
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
