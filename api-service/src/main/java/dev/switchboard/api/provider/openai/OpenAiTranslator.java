package dev.switchboard.api.provider.openai;

import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.switchboard.api.provider.TokenUsage;

/**
 * Pure functions between the canonical request (OpenAI chat-completions JSON with OpenRouter's
 * extensions) and the OpenAI wire format. Unknown fields pass through untouched.
 */
final class OpenAiTranslator {

    /** OpenRouter's routing and accounting controls: meaningful to the gateway, unknown upstream. */
    static final Set<String> GATEWAY_ONLY = Set.of("models", "provider", "route", "transforms", "plugins",
            "usage", "session_id", "reasoning", "preset", "debug");

    private OpenAiTranslator() {
    }

    /** The upstream request: a copy with the upstream model id, gateway-only fields removed. */
    static ObjectNode toUpstream(ObjectNode canonical, String upstreamModelId, boolean stream) {
        ObjectNode body = canonical.deepCopy();
        body.remove(GATEWAY_ONLY);
        body.put("model", upstreamModelId);
        if (stream) {
            body.put("stream", true);
            // Without this OpenAI sends no usage in a stream, and a gateway ends up charging zero.
            ObjectNode options = body.has("stream_options") && body.get("stream_options").isObject()
                    ? (ObjectNode) body.get("stream_options") : body.putObject("stream_options");
            options.put("include_usage", true);
        } else {
            body.remove("stream");
            body.remove("stream_options");
        }
        JsonNode reasoning = canonical.get("reasoning");
        if (reasoning != null && reasoning.hasNonNull("effort") && !body.has("reasoning_effort")) {
            body.put("reasoning_effort", reasoning.get("effort").asString());
        }
        return body;
    }

    /** OpenAI's usage object, normalised; {@link TokenUsage#NONE} when absent. */
    static TokenUsage usage(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return TokenUsage.NONE;
        }
        JsonNode promptDetails = usage.path("prompt_tokens_details");
        JsonNode completionDetails = usage.path("completion_tokens_details");
        return new TokenUsage(
                usage.path("prompt_tokens").asLong(0),
                usage.path("completion_tokens").asLong(0),
                promptDetails.path("cached_tokens").asLong(0),
                promptDetails.path("cache_write_tokens").asLong(0),
                completionDetails.path("reasoning_tokens").asLong(0));
    }

    /** The finish reason of the first choice, or null. */
    static String finishReason(JsonNode body) {
        JsonNode choice = body.path("choices").path(0);
        JsonNode reason = choice.get("finish_reason");
        return reason == null || reason.isNull() ? null : reason.asString();
    }

    /** How many generated pieces (content, reasoning, tool-call argument fragments) a chunk carries. */
    static int generatedPieces(JsonNode chunk) {
        int pieces = 0;
        for (JsonNode choice : chunk.path("choices")) {
            JsonNode delta = choice.path("delta");
            if (!delta.path("content").asString("").isEmpty()) {
                pieces++;
            }
            if (!delta.path("reasoning").asString("").isEmpty() || !delta.path("reasoning_content").asString("").isEmpty()) {
                pieces++;
            }
            for (JsonNode call : delta.path("tool_calls")) {
                if (!call.path("function").path("arguments").asString("").isEmpty()) {
                    pieces++;
                }
            }
        }
        return pieces;
    }
}
