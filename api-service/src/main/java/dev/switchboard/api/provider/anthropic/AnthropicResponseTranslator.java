package dev.switchboard.api.provider.anthropic;

import java.time.Duration;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.switchboard.api.provider.Completion;
import dev.switchboard.api.provider.ProviderError;
import dev.switchboard.api.provider.UpstreamTransport;

/**
 * Pure translation of Anthropic answers into OpenAI's {@code chat.completion} shape with
 * OpenRouter's extensions: thinking becomes {@code message.reasoning} and {@code reasoning_details},
 * tool uses become {@code tool_calls}, the stop reason becomes a normalised {@code finish_reason}
 * with the original kept as {@code native_finish_reason}.
 */
final class AnthropicResponseTranslator {

    /** OpenRouter's format tag for Anthropic reasoning details, so they can be sent back unchanged. */
    static final String REASONING_FORMAT = "anthropic-claude-v1";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AnthropicResponseTranslator() {
    }

    /**
     * @param excludeReasoning the client asked to reason without seeing the reasoning
     */
    static Completion toCompletion(AnthropicMessage message, long created, boolean excludeReasoning) {
        ObjectNode body = NODES.objectNode();
        body.put("id", message.id());
        body.put("object", "chat.completion");
        body.put("created", created);
        body.put("model", message.model());
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode reply = choice.putObject("message");
        reply.put("role", "assistant");
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        ArrayNode details = NODES.arrayNode();
        ArrayNode calls = NODES.arrayNode();
        for (AnthropicContentBlock block : message.content()) {
            switch (block.type() == null ? "" : block.type()) {
                case "text" -> text.append(block.text());
                case "thinking" -> {
                    reasoning.append(block.thinking());
                    details.add(reasoningText(block.thinking(), block.signature(), details.size()));
                }
                case "redacted_thinking" -> details.add(reasoningEncrypted(block.data(), details.size()));
                case "tool_use" -> calls.add(toolCall(block.id(), block.name(),
                        block.input() == null ? "{}" : block.input().toString()));
                default -> {
                    // server tool results and other block kinds have no OpenAI counterpart
                }
            }
        }
        if (text.isEmpty() && !calls.isEmpty()) {
            reply.putNull("content");
        } else {
            reply.put("content", text.toString());
        }
        if (!excludeReasoning && !details.isEmpty()) {
            reply.put("reasoning", reasoning.toString());
            reply.set("reasoning_details", details);
        }
        if (!calls.isEmpty()) {
            reply.set("tool_calls", calls);
        }
        String finish = finishReason(message.stopReason());
        choice.put("finish_reason", finish);
        choice.put("native_finish_reason", message.stopReason());
        return new Completion(body, message.usage().toTokenUsage(), finish);
    }

    /** Anthropic's stop reason in OpenAI's vocabulary; null while the answer is unfinished. */
    static String finishReason(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "end_turn", "stop_sequence", "pause_turn" -> "stop";
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop";
        };
    }

    static ObjectNode reasoningText(String text, String signature, int index) {
        ObjectNode detail = NODES.objectNode();
        detail.put("type", "reasoning.text");
        if (text != null) {
            detail.put("text", text);
        }
        if (signature != null) {
            detail.put("signature", signature);
        }
        detail.put("format", REASONING_FORMAT);
        detail.put("index", index);
        return detail;
    }

    static ObjectNode reasoningEncrypted(String data, int index) {
        return NODES.objectNode()
                .put("type", "reasoning.encrypted")
                .put("data", data)
                .put("format", REASONING_FORMAT)
                .put("index", index);
    }

    static ObjectNode toolCall(String id, String name, String arguments) {
        ObjectNode call = NODES.objectNode();
        call.put("id", id);
        call.put("type", "function");
        call.putObject("function").put("name", name).put("arguments", arguments);
        return call;
    }

    /**
     * An Anthropic error object as a {@link ProviderError}, by its {@code type} (the status of an
     * error event mid-stream is always 200, so the type is what tells the cases apart).
     */
    static ProviderError error(String provider, AnthropicErrorBody error) {
        String type = error == null || error.type() == null ? "api_error" : error.type();
        String message = UpstreamTransport.scrub(error == null || error.message() == null ? type : type + ": " + error.message());
        return switch (type) {
            case "invalid_request_error", "not_found_error", "request_too_large" ->
                    new ProviderError.InvalidRequest(provider, 400, message);
            case "authentication_error", "permission_error" -> new ProviderError.AuthenticationFailed(provider, 401, message);
            case "rate_limit_error" -> new ProviderError.RateLimited(provider, message, (Duration) null);
            case "timeout_error" -> new ProviderError.TimedOut(provider, message);
            case "overloaded_error" -> new ProviderError.Unavailable(provider, 529, message);
            default -> new ProviderError.Unavailable(provider, 500, message);
        };
    }
}
