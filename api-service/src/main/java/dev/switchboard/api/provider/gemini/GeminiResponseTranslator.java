package dev.switchboard.api.provider.gemini;

import java.time.Duration;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.switchboard.api.provider.Completion;
import dev.switchboard.api.provider.ProviderError;
import dev.switchboard.api.provider.TokenUsage;
import dev.switchboard.api.provider.UpstreamTransport;

/**
 * Pure translation of Gemini answers into OpenAI's {@code chat.completion} shape: text parts become
 * the content, thought parts {@code reasoning} (and {@code reasoning_details}), function calls
 * {@code tool_calls} with their thought signatures kept as encrypted reasoning details, and the
 * finish reason is normalised with the original kept as {@code native_finish_reason}.
 */
final class GeminiResponseTranslator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private GeminiResponseTranslator() {
    }

    static Completion toCompletion(GeminiResponse response, long created) {
        ObjectNode body = NODES.objectNode();
        body.put("id", id(response, created));
        body.put("object", "chat.completion");
        body.put("created", created);
        body.put("model", response.modelVersion());
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        ArrayNode details = NODES.arrayNode();
        ArrayNode calls = NODES.arrayNode();
        GeminiCandidate candidate = response.candidates().isEmpty() ? null : response.candidates().getFirst();
        if (candidate != null && candidate.content() != null) {
            for (GeminiPart part : candidate.content().parts()) {
                if (part.functionCall() != null) {
                    String callId = callId(part.functionCall(), response, calls.size());
                    calls.add(toolCall(callId, part.functionCall()));
                    if (part.thoughtSignature() != null) {
                        details.add(signature(callId, part.thoughtSignature(), details.size()));
                    }
                } else if (part.isThought()) {
                    reasoning.append(part.text());
                    details.add(reasoningText(part.text(), details.size()));
                } else if (part.text() != null) {
                    text.append(part.text());
                }
            }
        }
        if (text.isEmpty() && !calls.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text.toString());
        }
        if (!reasoning.isEmpty()) {
            message.put("reasoning", reasoning.toString());
        }
        if (!details.isEmpty()) {
            message.set("reasoning_details", details);
        }
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
        String nativeReason = nativeFinishReason(response, candidate);
        String finish = finishReason(nativeReason, !calls.isEmpty());
        choice.put("finish_reason", finish);
        choice.put("native_finish_reason", nativeReason);
        return new Completion(body, response.usageMetadata() == null ? TokenUsage.NONE
                : response.usageMetadata().toTokenUsage(), finish);
    }

    /** The candidate's finish reason, or the prompt's block reason when there is no candidate. */
    static String nativeFinishReason(GeminiResponse response, GeminiCandidate candidate) {
        if (candidate != null && candidate.finishReason() != null) {
            return candidate.finishReason();
        }
        return response.promptFeedback() != null ? response.promptFeedback().blockReason() : null;
    }

    /** Gemini's finish reason in OpenAI's vocabulary; a normal stop after function calls is {@code tool_calls}. */
    static String finishReason(String nativeReason, boolean calledTools) {
        if (nativeReason == null) {
            return null;
        }
        return switch (nativeReason) {
            case "STOP" -> calledTools ? "tool_calls" : "stop";
            case "MAX_TOKENS" -> "length";
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY", "LANGUAGE",
                 "OTHER_BLOCK" -> "content_filter";
            case "MALFORMED_FUNCTION_CALL", "UNEXPECTED_TOOL_CALL", "OTHER" -> "error";
            default -> calledTools ? "tool_calls" : "stop";
        };
    }

    static String id(GeminiResponse response, long created) {
        return response.responseId() != null ? response.responseId() : "gemini-" + created;
    }

    static String callId(GeminiFunctionCall call, GeminiResponse response, int index) {
        return call.id() != null ? call.id() : "call_" + (response.responseId() == null ? "" : response.responseId() + "_") + index;
    }

    static ObjectNode toolCall(String id, GeminiFunctionCall call) {
        ObjectNode out = NODES.objectNode();
        out.put("id", id);
        out.put("type", "function");
        out.putObject("function").put("name", call.name())
                .put("arguments", call.args() == null ? "{}" : call.args().toString());
        return out;
    }

    static ObjectNode reasoningText(String text, int index) {
        return NODES.objectNode().put("type", "reasoning.text").put("text", text)
                .put("format", GeminiRequestTranslator.SIGNATURE_FORMAT).put("index", index);
    }

    /** A function call's thought signature, tied to the call id so it can be sent back with that call. */
    static ObjectNode signature(String callId, String signature, int index) {
        return NODES.objectNode().put("type", "reasoning.encrypted").put("id", callId).put("data", signature)
                .put("format", GeminiRequestTranslator.SIGNATURE_FORMAT).put("index", index);
    }

    /** Google's error object (an error event mid-stream) as a {@link ProviderError}, by its code. */
    static ProviderError error(String provider, GeminiError error) {
        int code = error.code() == null ? 500 : error.code();
        String message = UpstreamTransport.scrub((error.status() == null ? "" : error.status() + ": ")
                + (error.message() == null ? "upstream error" : error.message()));
        return switch (code) {
            case 400, 404 -> new ProviderError.InvalidRequest(provider, code, message);
            case 401, 403 -> new ProviderError.AuthenticationFailed(provider, code, message);
            case 429 -> new ProviderError.RateLimited(provider, message, (Duration) null);
            case 408, 504 -> new ProviderError.TimedOut(provider, message);
            default -> new ProviderError.Unavailable(provider, code, message);
        };
    }
}
