package dev.switchboard.catalog.seed;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The file format of {@code catalog/seed.json} and {@code catalog/sim.json}, as written by
 * {@code catalog-service/seed/derive.py}. Prices are exact decimal strings of USD per token.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record SeedCatalog(Instant pricesEffectiveFrom, List<Provider> providers, List<Model> models) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Provider(String slug, String name, String apiStyle, String baseUrl, boolean simulated,
                    boolean trainsOnData, boolean retainsPrompts, Integer retentionDays, String policySource) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Model(String id, String canonicalSlug, String name, long created, String description, long contextLength,
                 String modality, List<String> inputModalities, List<String> outputModalities, String tokenizer,
                 String instructType, @JsonProperty("isModerated") boolean isModerated, List<String> supportedParameters,
                 List<Endpoint> endpoints) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Endpoint(String provider, String upstreamModelId, Prices prices, long contextLength,
                    Long maxCompletionTokens, String quantization, List<String> supportedParameters) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Prices(String prompt, String completion, String cacheRead, String cacheWrite, String request,
                  String image) {
    }
}
