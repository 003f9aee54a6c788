package dev.switchboard.api.inference.messages;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.switchboard.api.provider.TokenUsage;

/**
 * Turns a chat-completions chunk stream into Anthropic's stream events, one request's worth: a
 * fresh instance per request, fed in order from one pipeline (keepalives aside, see {@link #ping}).
 *
 * <p>Anthropic's stream is {@code message_start}, then for each content block (thinking, text,
 * tool_use, in the order they are generated) {@code content_block_start}, its deltas and
 * {@code content_block_stop}, then {@code message_delta} with the stop reason and the usage, then
 * {@code message_stop}; {@code ping} may come at any point. Chat chunks interleave the kinds of
 * output freely, so a new block starts whenever the kind (or the tool call) changes. Each chat
 * chunk is translated as it arrives; nothing is held back.
 *
 * <p>{@code message_start} needs the input usage up front. An Anthropic upstream counts the prompt
 * before answering ({@link #inputCounted}), and {@code message_start} carries its exact figures;
 * an upstream that reports usage only at the end (OpenAI's style) leaves the gateway's prompt
 * estimate there. Either way the last {@code message_delta} carries the exact, charged counts, input
 * included, so a client that reads the last usage (as Anthropic's SDKs do) gets exact numbers.
 */
public final class AnthropicStreamTranslator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private enum Kind { THINKING, TEXT, TOOL }

    private final String messageId;
    private final String model;
    private final Map<Integer, Integer> blockOfToolCall = new HashMap<>();
    private ObjectNode startUsage;
    private boolean started;
    private Kind openKind;
    private int openIndex = -1;
    private int openToolCall = -1;
    private int nextIndex;
    private String finishReason;
    private String nativeFinishReason;

    public AnthropicStreamTranslator(String messageId, String model, long inputTokensEstimate) {
        this.messageId = messageId;
        this.model = model;
        this.startUsage = AnthropicUsage.estimate(inputTokensEstimate);
    }

    /** The upstream's exact count of the prompt, for {@code message_start} if it has not been sent yet. */
    public void inputCounted(TokenUsage usage) {
        startUsage = AnthropicUsage.ofInput(usage);
    }

    /**
     * A keepalive, which Anthropic allows anywhere in a stream. Stateless on purpose: keepalives are
     * produced on a timer, concurrently with the first chunk, so only {@link #chunk},
     * {@link #finish} and {@link #error} — called in order by one pipeline — touch the state.
     */
    public static List<NamedEvent> ping() {
        return List.of(new NamedEvent("ping", NODES.objectNode().put("type", "ping")));
    }

    /** The events for one chat chunk (OpenAI's {@code chat.completion.chunk}). */
    public List<NamedEvent> chunk(JsonNode chunk) {
        List<NamedEvent> events = new ArrayList<>(4);
        start(events);
        JsonNode choice = chunk.path("choices").path(0);
        JsonNode delta = choice.path("delta");
        reasoning(delta, events);
        String content = delta.path("content").asString("");
        if (!content.isEmpty()) {
            open(Kind.TEXT, -1, events, () -> NODES.objectNode().put("type", "text").put("text", ""));
            events.add(delta(NODES.objectNode().put("type", "text_delta").put("text", content)));
        }
        for (JsonNode call : delta.path("tool_calls")) {
            toolCall(call, events);
        }
        if (choice.hasNonNull("finish_reason")) {
            finishReason = choice.get("finish_reason").asString();
        }
        if (choice.hasNonNull("native_finish_reason")) {
            nativeFinishReason = choice.get("native_finish_reason").asString();
        }
        return events;
    }

    /**
     * The end of the message, given OpenRouter's final usage object: the open block is closed, then
     * {@code message_delta} and {@code message_stop}.
     */
    public List<NamedEvent> finish(JsonNode usage) {
        List<NamedEvent> events = new ArrayList<>(4);
        start(events);
        close(events);
        ObjectNode messageDelta = NODES.objectNode().put("type", "message_delta");
        messageDelta.putObject("delta")
                .put("stop_reason", StopReasons.of(finishReason, nativeFinishReason))
                .putNull("stop_sequence")
                .putNull("stop_details")
                .putNull("container");
        messageDelta.set("usage", AnthropicUsage.ofDelta(usage));
        events.add(new NamedEvent("message_delta", messageDelta));
        events.add(new NamedEvent("message_stop", NODES.objectNode().put("type", "message_stop")));
        return events;
    }

    /** Anthropic's mid-stream error event; the stream ends after it. */
    public List<NamedEvent> error(String type, String message) {
        ObjectNode error = NODES.objectNode().put("type", "error");
        error.putObject("error").put("type", type).put("message", message);
        return List.of(new NamedEvent("error", error));
    }

    private void reasoning(JsonNode delta, List<NamedEvent> events) {
        String text = delta.path("reasoning").asString("");
        if (text.isEmpty()) {
            text = delta.path("reasoning_content").asString("");
        }
        boolean fromDetails = text.isEmpty();
        for (JsonNode detail : delta.path("reasoning_details")) {
            if (fromDetails && "reasoning.text".equals(detail.path("type").asString(""))) {
                text += detail.path("text").asString("");
            }
        }
        if (!text.isEmpty()) {
            openThinking(events);
            events.add(delta(NODES.objectNode().put("type", "thinking_delta").put("thinking", text)));
        }
        for (JsonNode detail : delta.path("reasoning_details")) {
            String signature = detail.path("signature").asString("");
            if (!signature.isEmpty()) {
                openThinking(events);
                events.add(delta(NODES.objectNode().put("type", "signature_delta").put("signature", signature)));
            }
        }
    }

    private void openThinking(List<NamedEvent> events) {
        open(Kind.THINKING, -1, events,
                () -> NODES.objectNode().put("type", "thinking").put("thinking", "").put("signature", ""));
    }

    /** A tool call's first fragment names it and opens its block; later fragments carry argument JSON. */
    private void toolCall(JsonNode call, List<NamedEvent> events) {
        int toolIndex = call.path("index").asInt(0);
        JsonNode function = call.path("function");
        if (!blockOfToolCall.containsKey(toolIndex)) {
            open(Kind.TOOL, toolIndex, events, () -> {
                ObjectNode block = NODES.objectNode()
                        .put("type", "tool_use")
                        .put("id", call.path("id").asString(""))
                        .put("name", function.path("name").asString(""));
                block.putObject("input");
                block.putObject("caller").put("type", "direct");
                return block;
            });
            blockOfToolCall.put(toolIndex, openIndex);
        }
        String arguments = function.path("arguments").asString("");
        if (!arguments.isEmpty()) {
            ObjectNode delta = NODES.objectNode().put("type", "input_json_delta").put("partial_json", arguments);
            // Upstreams send one call's fragments together; should one interleave, each fragment still
            // goes to the block of the call it belongs to.
            events.add(deltaAt(blockOfToolCall.get(toolIndex), delta));
        }
    }

    private void open(Kind kind, int toolCall, List<NamedEvent> events, Supplier<ObjectNode> block) {
        if (openKind == kind && openToolCall == toolCall) {
            return;
        }
        close(events);
        openKind = kind;
        openToolCall = toolCall;
        openIndex = nextIndex++;
        ObjectNode start = NODES.objectNode().put("type", "content_block_start").put("index", openIndex);
        start.set("content_block", block.get());
        events.add(new NamedEvent("content_block_start", start));
    }

    private void close(List<NamedEvent> events) {
        if (openKind == null) {
            return;
        }
        events.add(new NamedEvent("content_block_stop",
                NODES.objectNode().put("type", "content_block_stop").put("index", openIndex)));
        openKind = null;
        openToolCall = -1;
    }

    private void start(List<NamedEvent> events) {
        if (started) {
            return;
        }
        started = true;
        ObjectNode message = NODES.objectNode()
                .put("id", messageId)
                .put("type", "message")
                .put("role", "assistant")
                .put("model", model);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.putNull("stop_details");
        message.set("usage", startUsage);
        message.putNull("container");
        ObjectNode event = NODES.objectNode().put("type", "message_start");
        event.set("message", message);
        events.add(new NamedEvent("message_start", event));
    }

    private NamedEvent delta(ObjectNode delta) {
        return deltaAt(openIndex, delta);
    }

    private static NamedEvent deltaAt(int index, ObjectNode delta) {
        ObjectNode event = NODES.objectNode().put("type", "content_block_delta").put("index", index);
        event.set("delta", delta);
        return new NamedEvent("content_block_delta", event);
    }
}
