package dev.switchboard.api.provider.gemini;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.switchboard.api.provider.TokenUsage;

/**
 * Gemini's {@code usageMetadata}. {@code promptTokenCount} already includes the cached tokens
 * ({@code cachedContentTokenCount}), and {@code candidatesTokenCount} excludes the thinking tokens
 * ({@code thoughtsTokenCount}), which are billed as output.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record GeminiUsage(Long promptTokenCount, Long candidatesTokenCount, Long cachedContentTokenCount,
                   Long thoughtsTokenCount, Long toolUsePromptTokenCount, Long totalTokenCount) {

    /**
     * In OpenAI terms: prompt = prompt + tool-use prompt (cached included, once); completion =
     * candidates + thoughts, of which thoughts are the reasoning tokens. Gemini's implicit cache has
     * no write charge, so cache writes are 0.
     */
    TokenUsage toTokenUsage() {
        long thoughts = orZero(thoughtsTokenCount);
        return new TokenUsage(orZero(promptTokenCount) + orZero(toolUsePromptTokenCount),
                orZero(candidatesTokenCount) + thoughts, orZero(cachedContentTokenCount), 0, thoughts);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
