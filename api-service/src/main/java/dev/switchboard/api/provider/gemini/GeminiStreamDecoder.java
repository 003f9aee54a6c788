package dev.switchboard.api.provider.gemini;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.switchboard.api.provider.ProviderError;
import dev.switchboard.api.provider.ProviderException;
import dev.switchboard.api.provider.StreamEvent;
import dev.switchboard.api.provider.TokenUsage;

/**
 * Decodes one {@code streamGenerateContent?alt=sse} answer: each event's parts become one OpenAI
 * chunk at once (text → content, thought → reasoning, function call → a whole tool call, since
 * Gemini never splits arguments). Gemini repeats the cumulative usage on every event; the decoder
 * keeps the latest and reports it once, with the finish reason or when the stream ends.
 */
final class GeminiStreamDecoder {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectMapper json;
    private final String provider;
    private final long created;
    private String id;
    private String model;
    private GeminiUsage usage;
    private int toolCalls;
    private int details;
    private long piecesSoFar;
    private boolean first = true;
    private boolean usageReported;

    GeminiStreamDecoder(ObjectMapper json, String provider, long created) {
        this.json = json;
        this.provider = provider;
        this.created = created;
    }

    List<StreamEvent> decode(String data) {
        GeminiResponse response;
        try {
            response = json.readValue(data, GeminiResponse.class);
        } catch (JacksonException e) {
            throw new ProviderException(new ProviderError.Unavailable(provider, 200, "Upstream sent malformed stream data"));
        }
        if (response.error() != null) {
            throw new ProviderException(GeminiResponseTranslator.error(provider, response.error()));
        }
        if (id == null) {
            id = GeminiResponseTranslator.id(response, created);
            model = response.modelVersion();
        }
        if (response.usageMetadata() != null) {
            usage = response.usageMetadata();
        }
        GeminiCandidate candidate = response.candidates().isEmpty() ? null : response.candidates().getFirst();
        ObjectNode chunk = chunk();
        ObjectNode delta = (ObjectNode) chunk.get("choices").get(0).get("delta");
        if (first) {
            delta.put("role", "assistant");
            first = false;
        }
        int pieces = candidate == null || candidate.content() == null ? 0 : parts(candidate.content(), response, delta);
        piecesSoFar += pieces;
        String nativeReason = GeminiResponseTranslator.nativeFinishReason(response, candidate);
        String finish = GeminiResponseTranslator.finishReason(nativeReason, toolCalls > 0);
        List<StreamEvent> events = new ArrayList<>(2);
        if (finish != null) {
            ObjectNode choice = (ObjectNode) chunk.get("choices").get(0);
            choice.put("finish_reason", finish);
            choice.put("native_finish_reason", nativeReason);
        }
        if (!delta.isEmpty() || finish != null) {
            events.add(new StreamEvent.Chunk(chunk, pieces, finish));
        }
        if (finish != null && usage != null) {
            events.add(new StreamEvent.Usage(usage.toTokenUsage(), id));
            usageReported = true;
        }
        return events;
    }

    /** At the end of a stream that never sent a finish reason: the last usage Gemini reported. */
    List<StreamEvent> end() {
        if (usageReported || usage == null) {
            return List.of();
        }
        usageReported = true;
        return List.of(new StreamEvent.Usage(usage.toTokenUsage(), id));
    }

    /**
     * When the stream breaks: the last cumulative usage, with at least one output token per piece
     * forwarded, so what was generated is charged.
     */
    List<StreamEvent> usageSoFar() {
        if (usageReported || usage == null && piecesSoFar == 0) {
            return List.of();
        }
        TokenUsage reported = usage == null ? TokenUsage.NONE : usage.toTokenUsage();
        usageReported = true;
        return List.of(new StreamEvent.Usage(new TokenUsage(reported.promptTokens(),
                Math.max(reported.completionTokens(), piecesSoFar), reported.cachedTokens(), 0,
                reported.reasoningTokens()), id));
    }

    private int parts(GeminiContent content, GeminiResponse response, ObjectNode delta) {
        int pieces = 0;
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        ArrayNode reasoningDetails = NODES.arrayNode();
        ArrayNode calls = NODES.arrayNode();
        for (GeminiPart part : content.parts()) {
            if (part.functionCall() != null) {
                String callId = GeminiResponseTranslator.callId(part.functionCall(), response, toolCalls);
                ObjectNode call = GeminiResponseTranslator.toolCall(callId, part.functionCall());
                call.put("index", toolCalls++);
                calls.add(call);
                pieces++;
                if (part.thoughtSignature() != null) {
                    reasoningDetails.add(GeminiResponseTranslator.signature(callId, part.thoughtSignature(), details++));
                }
            } else if (part.isThought() && part.text() != null && !part.text().isEmpty()) {
                reasoning.append(part.text());
                reasoningDetails.add(GeminiResponseTranslator.reasoningText(part.text(), details++));
                pieces++;
            } else if (part.text() != null && !part.text().isEmpty()) {
                text.append(part.text());
                pieces++;
            }
        }
        if (!text.isEmpty()) {
            delta.put("content", text.toString());
        }
        if (!reasoning.isEmpty()) {
            delta.put("reasoning", reasoning.toString());
        }
        if (!reasoningDetails.isEmpty()) {
            delta.set("reasoning_details", reasoningDetails);
        }
        if (!calls.isEmpty()) {
            delta.set("tool_calls", calls);
        }
        return pieces;
    }

    private ObjectNode chunk() {
        ObjectNode chunk = NODES.objectNode();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("delta");
        choice.putNull("finish_reason");
        return chunk;
    }
}
