package dev.switchboard.api.provider.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.switchboard.api.provider.TokenUsage;

/**
 * Anthropic's usage object. {@code input_tokens} counts only the uncached prompt; cache reads and
 * cache writes are reported beside it. Fields are boxed because Anthropic sends {@code null} for
 * counts that do not apply.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record AnthropicUsage(@JsonProperty("input_tokens") Long inputTokens,
                      @JsonProperty("output_tokens") Long outputTokens,
                      @JsonProperty("cache_creation_input_tokens") Long cacheCreationInputTokens,
                      @JsonProperty("cache_read_input_tokens") Long cacheReadInputTokens) {

    static final AnthropicUsage NONE = new AnthropicUsage(null, null, null, null);

    /** Counts present in {@code later} replace this one's (a {@code message_delta} repeats the totals so far). */
    AnthropicUsage updatedBy(AnthropicUsage later) {
        if (later == null) {
            return this;
        }
        return new AnthropicUsage(
                later.inputTokens != null ? later.inputTokens : inputTokens,
                later.outputTokens != null ? later.outputTokens : outputTokens,
                later.cacheCreationInputTokens != null ? later.cacheCreationInputTokens : cacheCreationInputTokens,
                later.cacheReadInputTokens != null ? later.cacheReadInputTokens : cacheReadInputTokens);
    }

    long output() {
        return outputTokens == null ? 0 : outputTokens;
    }

    /**
     * In OpenAI terms: the prompt is input + cache read + cache write, each token once, so pricing
     * charges cached tokens at the cache-read price and writes at the cache-write price and never
     * again at the prompt price. Thinking tokens are part of {@code output_tokens}; Anthropic does
     * not report them apart, so reasoning tokens stay 0 rather than a guess.
     */
    TokenUsage toTokenUsage() {
        long read = cacheReadInputTokens == null ? 0 : cacheReadInputTokens;
        long write = cacheCreationInputTokens == null ? 0 : cacheCreationInputTokens;
        long input = inputTokens == null ? 0 : inputTokens;
        return new TokenUsage(input + read + write, output(), read, write, 0);
    }
}
