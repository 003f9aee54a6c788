package dev.switchboard.catalog.publicapi;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One provider endpoint of a model in OpenRouter's {@code PublicEndpoint} schema. Uptime is a
 * percentage; latency (time to first token, seconds) and throughput (tokens per second) are
 * percentiles over 30 minutes; each is null while its window has no data (the schema allows null).
 */
record PublicEndpoint(String name,
                      @JsonProperty("model_id") String modelId,
                      @JsonProperty("model_name") String modelName,
                      @JsonProperty("context_length") long contextLength,
                      OpenRouterModel.Pricing pricing,
                      @JsonProperty("provider_name") String providerName,
                      String tag,
                      String quantization,
                      @JsonProperty("max_completion_tokens") Long maxCompletionTokens,
                      @JsonProperty("max_prompt_tokens") Long maxPromptTokens,
                      @JsonProperty("supported_parameters") List<String> supportedParameters,
                      int status,
                      @JsonProperty("uptime_last_5m") Double uptimeLast5m,
                      @JsonProperty("uptime_last_30m") Double uptimeLast30m,
                      @JsonProperty("uptime_last_1d") Double uptimeLast1d,
                      @JsonProperty("supports_implicit_caching") boolean supportsImplicitCaching,
                      @JsonProperty("latency_last_30m") Percentiles latencyLast30m,
                      @JsonProperty("throughput_last_30m") Percentiles throughputLast30m) {

    record Percentiles(double p50, double p75, double p90, double p99) {
    }
}
