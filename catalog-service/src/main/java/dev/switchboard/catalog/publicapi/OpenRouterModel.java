package dev.switchboard.catalog.publicapi;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A model in OpenRouter's {@code Model} schema. Fields OpenRouter requires but Switchboard has no data
 * for ({@code per_request_limits}, {@code supported_voices}, …) are present and null, as upstream.
 */
record OpenRouterModel(String id,
                       @JsonProperty("canonical_slug") String canonicalSlug,
                       String name,
                       long created,
                       String description,
                       @JsonProperty("context_length") long contextLength,
                       Architecture architecture,
                       Pricing pricing,
                       @JsonProperty("top_provider") TopProvider topProvider,
                       @JsonProperty("per_request_limits") Map<String, String> perRequestLimits,
                       @JsonProperty("supported_parameters") List<String> supportedParameters,
                       @JsonProperty("default_parameters") Map<String, Object> defaultParameters,
                       @JsonProperty("supported_voices") List<String> supportedVoices,
                       @JsonProperty("knowledge_cutoff") String knowledgeCutoff,
                       @JsonProperty("expiration_date") String expirationDate,
                       Links links) {

    record Architecture(String modality,
                        @JsonProperty("input_modalities") List<String> inputModalities,
                        @JsonProperty("output_modalities") List<String> outputModalities,
                        String tokenizer,
                        @JsonProperty("instruct_type") String instructType) {
    }

    /** USD per token as exact decimal strings; cache prices appear only where the endpoint has them. */
    record Pricing(String prompt, String completion, String request, String image,
                   @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("input_cache_read") String inputCacheRead,
                   @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("input_cache_write") String inputCacheWrite) {
    }

    record TopProvider(@JsonProperty("context_length") Long contextLength,
                       @JsonProperty("max_completion_tokens") Long maxCompletionTokens,
                       @JsonProperty("is_moderated") boolean isModerated) {
    }

    record Links(String details) {
    }
}
