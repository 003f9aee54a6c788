package dev.switchboard.api.inference.messages;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.switchboard.api.provider.TokenUsage;

/**
 * OpenRouter's usage object as Anthropic's. OpenRouter's {@code prompt_tokens} includes cached and
 * cache-write tokens; Anthropic's {@code input_tokens} excludes both and reports them beside it, so
 * each prompt token appears exactly once.
 */
final class AnthropicUsage {

    private AnthropicUsage() {
    }

    /** The {@code usage} of a {@code message}, with the fields Anthropic's schema requires (null where unknown). */
    static ObjectNode of(JsonNode usage) {
        ObjectNode node = counts(usage);
        node.putNull("cache_creation");
        node.putNull("inference_geo");
        node.putNull("server_tool_use");
        node.putNull("service_tier");
        return node;
    }

    /** The cumulative {@code usage} of a {@code message_delta}. */
    static ObjectNode ofDelta(JsonNode usage) {
        ObjectNode node = counts(usage);
        node.putNull("server_tool_use");
        return node;
    }

    private static ObjectNode counts(JsonNode usage) {
        long prompt = usage.path("prompt_tokens").asLong(0);
        long cached = usage.path("prompt_tokens_details").path("cached_tokens").asLong(0);
        long written = usage.path("prompt_tokens_details").path("cache_write_tokens").asLong(0);
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("input_tokens", Math.max(0, prompt - cached - written));
        node.put("cache_creation_input_tokens", written);
        node.put("cache_read_input_tokens", cached);
        node.put("output_tokens", usage.path("completion_tokens").asLong(0));
        return node;
    }

    /** What {@code message_start} carries when the upstream has not counted the prompt: the gateway's estimate. */
    static ObjectNode estimate(long inputTokens) {
        return start(inputTokens, 0, 0);
    }

    /** What {@code message_start} carries when the upstream counted the prompt up front. */
    static ObjectNode ofInput(TokenUsage usage) {
        return start(Math.max(0, usage.promptTokens() - usage.cachedTokens() - usage.cacheWriteTokens()),
                usage.cacheWriteTokens(), usage.cachedTokens());
    }

    private static ObjectNode start(long inputTokens, long cacheWrites, long cacheReads) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("input_tokens", inputTokens);
        node.put("cache_creation_input_tokens", cacheWrites);
        node.put("cache_read_input_tokens", cacheReads);
        node.put("output_tokens", 0);
        node.putNull("cache_creation");
        node.putNull("inference_geo");
        node.putNull("server_tool_use");
        node.putNull("service_tier");
        return node;
    }
}
