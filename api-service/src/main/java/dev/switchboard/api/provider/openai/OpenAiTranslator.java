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

    /**
     * The upstream request: a copy with the upstream model id, gateway-only fields removed, and the
     * profile's differences applied (refused fields dropped, the completion limit under the name the
     * server reads, stream usage asked for where the server accepts it).
     */
    static ObjectNode toUpstream(ObjectNode canonical, String upstreamModelId, boolean stream, CompatibleProfile profile) {
        ObjectNode body = canonical.deepCopy();
        body.remove(GATEWAY_ONLY);
        body.remove(profile.dropParameters());
        body.put("model", upstreamModelId);
        if (stream) {
            body.put("stream", true);
            if (profile.streamUsage()) {
                // Without this OpenAI sends no usage in a stream, and a gateway ends up charging zero.
                ObjectNode options = body.has("stream_options") && body.get("stream_options").isObject()
                        ? (ObjectNode) body.get("stream_options") : body.putObject("stream_options");
                options.put("include_usage", true);
            } else {
                body.remove("stream_options");
            }
        } else {
            body.remove("stream");
            body.remove("stream_options");
        }
        renameMaxTokens(body, profile.maxTokensField());
        JsonNode reasoning = canonical.get("reasoning");
        if (profile.forwardReasoning() && reasoning != null) {
            body.set("reasoning", reasoning);
        } else if (profile.reasoningEffort() && reasoning != null && reasoning.hasNonNull("effort")
                && !body.has("reasoning_effort")) {
            body.put("reasoning_effort", reasoning.get("effort").asString());
        }
        if (!profile.reasoningEffort()) {
            body.remove("reasoning_effort");
        }
        return body;
    }

    /**
     * The upstream embeddings request: a copy with the upstream model id and gateway-only fields
     * removed. {@code encoding_format} is dropped so every server answers with floats (the default
     * everywhere, while base64 is not): the gateway encodes base64 itself when the client asks.
     */
    static ObjectNode toUpstreamEmbeddings(ObjectNode canonical, String upstreamModelId) {
        ObjectNode body = canonical.deepCopy();
        body.remove(GATEWAY_ONLY);
        body.remove("encoding_format");
        body.put("model", upstreamModelId);
        return body;
    }

    private static void renameMaxTokens(ObjectNode body, String field) {
        if (field == null) {
            return;
        }
        String other = "max_tokens".equals(field) ? "max_completion_tokens" : "max_tokens";
        JsonNode value = body.remove(other);
        if (value != null && !body.has(field)) {
            body.set(field, value);
        }
    }

    /**
     * Moves reasoning text from a server's own field ({@code reasoning_content}) to OpenRouter's
     * {@code reasoning}, in a message or a stream delta, so clients see one name whatever the upstream.
     */
    static void normaliseReasoning(JsonNode messageOrDelta, CompatibleProfile profile) {
        if (!(messageOrDelta instanceof ObjectNode node) || "reasoning".equals(profile.reasoningField())) {
            return;
        }
        JsonNode text = node.remove(profile.reasoningField());
        if (text != null && !text.isNull() && !node.has("reasoning")) {
            node.set("reasoning", text);
        }
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
