package dev.switchboard.api.provider;

/**
 * Token counts as the upstream reported them, normalised: {@code promptTokens} includes cached and
 * cache-write tokens (as OpenAI reports them), so pricing charges each prompt token exactly once —
 * cached ones at the cache-read price, cache writes at the cache-write price, the rest at the
 * prompt price.
 */
public record TokenUsage(long promptTokens, long completionTokens, long cachedTokens, long cacheWriteTokens,
                         long reasoningTokens) {

    public static final TokenUsage NONE = new TokenUsage(0, 0, 0, 0, 0);

    public TokenUsage {
        if (promptTokens < 0 || completionTokens < 0 || cachedTokens < 0 || cacheWriteTokens < 0 || reasoningTokens < 0) {
            throw new IllegalArgumentException("negative token count");
        }
        if (cachedTokens + cacheWriteTokens > promptTokens) {
            // Some upstreams report cache tokens beside the prompt instead of inside it.
            promptTokens = promptTokens + cachedTokens + cacheWriteTokens;
        }
    }
}
