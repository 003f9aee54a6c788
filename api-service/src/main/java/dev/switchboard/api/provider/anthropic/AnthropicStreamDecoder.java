package dev.switchboard.api.provider.anthropic;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 * Decodes one streamed Anthropic answer into OpenAI {@code chat.completion.chunk}s, event by event,
 * nothing held back. One instance per request: it owns the message id, the mapping from Anthropic
 * block indexes to OpenAI tool-call indexes, and the usage seen so far.
 *
 * <p>Mapping: {@code text_delta} → {@code delta.content}; a {@code tool_use} block start →
 * a tool call with its id and name, each {@code input_json_delta} → that call's
 * {@code function.arguments} piece; {@code thinking_delta} → {@code delta.reasoning} and a
 * {@code reasoning_details} piece, {@code signature_delta} → the detail's signature;
 * {@code message_start} → the exact input usage, then the opening chunk; {@code message_delta} → the
 * finish reason and the usage. An {@code error} event fails the stream,
 * after {@link #usageSoFar()} has been offered for charging what was generated.
 */
final class AnthropicStreamDecoder {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectMapper json;
    private final String provider;
    private final long created;
    private final boolean excludeReasoning;
    private final Map<Integer, Integer> toolCallIndexByBlock = new HashMap<>();
    private String id;
    private String model;
    private AnthropicUsage usage = AnthropicUsage.NONE;
    private long piecesSoFar;
    private boolean usageReported;

    AnthropicStreamDecoder(ObjectMapper json, String provider, long created, boolean excludeReasoning) {
        this.json = json;
        this.provider = provider;
        this.created = created;
        this.excludeReasoning = excludeReasoning;
    }

    List<StreamEvent> decode(String data) {
        AnthropicEvent event;
        try {
            event = json.readValue(data, AnthropicEvent.class);
        } catch (JacksonException e) {
            throw new ProviderException(new ProviderError.Unavailable(provider, 200, "Upstream sent malformed stream data"));
        }
        return switch (event) {
            case AnthropicEvent.MessageStart start -> messageStart(start.message());
            case AnthropicEvent.ContentBlockStart start -> blockStart(start.index(), start.contentBlock());
            case AnthropicEvent.ContentBlockDelta delta -> blockDelta(delta.index(), delta.delta());
            case AnthropicEvent.MessageDelta delta -> messageDelta(delta);
            case AnthropicEvent.Error error -> throw new ProviderException(AnthropicResponseTranslator.error(provider, error.error()));
            case AnthropicEvent.ContentBlockStop stop -> List.of();
            case AnthropicEvent.MessageStop stop -> List.of();
            case AnthropicEvent.Ping ping -> List.of();
            case AnthropicEvent.Unknown unknown -> List.of();
        };
    }

    /**
     * What to charge when the stream breaks before {@code message_delta}: the prompt as
     * {@code message_start} reported it, and the larger of the output tokens reported and the
     * pieces forwarded (each piece is at least one token). Empty when nothing was reported yet or
     * the final usage was already emitted.
     */
    List<StreamEvent> usageSoFar() {
        if (usageReported || usage == AnthropicUsage.NONE) {
            return List.of();
        }
        TokenUsage reported = usage.toTokenUsage();
        TokenUsage partial = new TokenUsage(reported.promptTokens(), Math.max(reported.completionTokens(), piecesSoFar),
                reported.cachedTokens(), reported.cacheWriteTokens(), 0);
        return List.of(new StreamEvent.Usage(partial, id));
    }

    private List<StreamEvent> messageStart(AnthropicMessage message) {
        id = message.id();
        model = message.model();
        usage = message.usage() == null ? AnthropicUsage.NONE : message.usage();
        ObjectNode chunk = chunk();
        delta(chunk).put("role", "assistant").put("content", "");
        if (usage.inputTokens() == null) {
            return List.of(new StreamEvent.Chunk(chunk, 0, null));
        }
        TokenUsage input = usage.toTokenUsage();
        return List.of(new StreamEvent.InputUsage(new TokenUsage(input.promptTokens(), 0, input.cachedTokens(),
                input.cacheWriteTokens(), 0)), new StreamEvent.Chunk(chunk, 0, null));
    }

    private List<StreamEvent> blockStart(int index, AnthropicContentBlock block) {
        if (block == null || block.type() == null) {
            return List.of();
        }
        return switch (block.type()) {
            case "tool_use" -> {
                int callIndex = toolCallIndexByBlock.size();
                toolCallIndexByBlock.put(index, callIndex);
                ObjectNode chunk = chunk();
                ObjectNode call = AnthropicResponseTranslator.toolCall(block.id(), block.name(), "");
                call.put("index", callIndex);
                delta(chunk).putArray("tool_calls").add(call);
                yield List.of(new StreamEvent.Chunk(chunk, 0, null));
            }
            case "text" -> block.text() == null || block.text().isEmpty() ? List.of() : content(block.text());
            case "redacted_thinking" -> excludeReasoning ? List.<StreamEvent>of()
                    : reasoningDetail(AnthropicResponseTranslator.reasoningEncrypted(block.data(), index), null);
            default -> List.of();
        };
    }

    private List<StreamEvent> blockDelta(int index, AnthropicEvent.Delta delta) {
        if (delta == null || delta.type() == null) {
            return List.of();
        }
        return switch (delta.type()) {
            case "text_delta" -> content(delta.text());
            case "input_json_delta" -> toolArguments(index, delta.partialJson());
            case "thinking_delta" -> excludeReasoning ? countOnly(delta.thinking())
                    : reasoningDetail(AnthropicResponseTranslator.reasoningText(delta.thinking(), null, index), delta.thinking());
            case "signature_delta" -> excludeReasoning ? List.<StreamEvent>of()
                    : reasoningDetail(AnthropicResponseTranslator.reasoningText(null, delta.signature(), index), null);
            default -> List.of();
        };
    }

    private List<StreamEvent> content(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        piecesSoFar++;
        ObjectNode chunk = chunk();
        delta(chunk).put("content", text);
        return List.of(new StreamEvent.Chunk(chunk, 1, null));
    }

    private List<StreamEvent> toolArguments(int blockIndex, String partialJson) {
        if (partialJson == null || partialJson.isEmpty()) {
            return List.of();
        }
        piecesSoFar++;
        ObjectNode chunk = chunk();
        ObjectNode call = delta(chunk).putArray("tool_calls").addObject();
        call.put("index", toolCallIndexByBlock.getOrDefault(blockIndex, 0));
        call.putObject("function").put("arguments", partialJson);
        return List.of(new StreamEvent.Chunk(chunk, 1, null));
    }

    private List<StreamEvent> reasoningDetail(ObjectNode detail, String text) {
        ObjectNode chunk = chunk();
        ObjectNode delta = delta(chunk);
        int pieces = text == null || text.isEmpty() ? 0 : 1;
        if (pieces > 0) {
            delta.put("reasoning", text);
        }
        delta.putArray("reasoning_details").add(detail);
        piecesSoFar += pieces;
        return List.of(new StreamEvent.Chunk(chunk, pieces, null));
    }

    /**
     * Reasoning the client asked not to see is still generated, and still paid for: it is reported
     * as hidden pieces, so a stream cancelled during thinking charges them too.
     */
    private List<StreamEvent> countOnly(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        piecesSoFar++;
        return List.of(new StreamEvent.HiddenPieces(1));
    }

    private List<StreamEvent> messageDelta(AnthropicEvent.MessageDelta event) {
        usage = usage.updatedBy(event.usage());
        String stopReason = event.delta() == null ? null : event.delta().stopReason();
        String finish = AnthropicResponseTranslator.finishReason(stopReason);
        ObjectNode chunk = chunk();
        delta(chunk);
        ObjectNode choice = (ObjectNode) chunk.get("choices").get(0);
        choice.put("finish_reason", finish);
        choice.put("native_finish_reason", stopReason);
        usageReported = true;
        return List.of(new StreamEvent.Chunk(chunk, 0, finish), new StreamEvent.Usage(usage.toTokenUsage(), id));
    }

    private ObjectNode chunk() {
        ObjectNode chunk = NODES.objectNode();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        ArrayNode choices = chunk.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        choice.putObject("delta");
        choice.putNull("finish_reason");
        return chunk;
    }

    private static ObjectNode delta(ObjectNode chunk) {
        return (ObjectNode) chunk.get("choices").get(0).get("delta");
    }
}
