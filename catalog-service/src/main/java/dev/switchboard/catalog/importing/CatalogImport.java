package dev.switchboard.catalog.importing;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A validated catalog file, in the catalog's own terms, ready to apply.
 *
 * @param models    models the file defines
 * @param endpoints endpoints with the prices the file lists for them
 * @param skipped   entries the format carries but the catalog does not hold (LiteLLM's embedding or
 *                  image models, providers Switchboard has no adapter for, repeated deployments)
 */
record CatalogImport(List<ModelEntry> models, List<EndpointEntry> endpoints, int skipped) {

    /** OpenRouter's tokenizer family for a model whose family the file does not say. */
    static final String UNKNOWN_TOKENIZER = "Other";

    /**
     * A model. {@code authoritative} models (OpenRouter's listing) replace the stored identity and
     * description; others (LiteLLM, which only knows a provider's id) are inserted when missing and
     * never overwrite what a better source wrote.
     */
    record ModelEntry(String id, String canonicalSlug, String name, long created, String description,
                      long contextLength, String modality, List<String> inputModalities,
                      List<String> outputModalities, String tokenizer, String instructType, @JsonProperty("isModerated") boolean isModerated,
                      List<String> supportedParameters, boolean authoritative) {
    }

    /** An endpoint and its list prices, exact USD per token (per request and per image for those two). */
    record EndpointEntry(String entry, String modelId, String provider, String upstreamModelId, long contextLength,
                         Long maxCompletionTokens, String quantization, List<String> supportedParameters,
                         BigDecimal prompt, BigDecimal completion, BigDecimal cacheRead, BigDecimal cacheWrite,
                         BigDecimal request, BigDecimal image) {

        EndpointEntry withModel(String otherModelId) {
            return new EndpointEntry(entry, otherModelId, provider, upstreamModelId, contextLength,
                    maxCompletionTokens, quantization, supportedParameters, prompt, completion, cacheRead,
                    cacheWrite, request, image);
        }
    }
}
