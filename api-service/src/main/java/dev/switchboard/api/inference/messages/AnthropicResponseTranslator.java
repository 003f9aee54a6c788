package dev.switchboard.api.inference.messages;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A finished {@code chat.completion} (already carrying Switchboard's id, model and usage) as
 * Anthropic's {@code message}: thinking, then text, then tool_use blocks, as Anthropic orders them.
 */
public final class AnthropicResponseTranslator {

    private final ObjectMapper json;

    public AnthropicResponseTranslator(ObjectMapper json) {
        this.json = json;
    }

    public ObjectNode toMessage(ObjectNode completion) {
        JsonNode choice = completion.path("choices").path(0);
        JsonNode message = choice.path("message");
        ObjectNode out = json.createObjectNode()
                .put("id", completion.path("id").asString())
                .put("type", "message")
                .put("role", "assistant")
                .put("model", completion.path("model").asString());
        ArrayNode content = out.putArray("content");
        thinking(message, content);
        String text = message.path("content").asString("");
        if (!text.isEmpty()) {
            content.addObject().put("type", "text").put("text", text).putNull("citations");
        }
        for (JsonNode call : message.path("tool_calls")) {
            ObjectNode block = content.addObject()
                    .put("type", "tool_use")
                    .put("id", call.path("id").asString())
                    .put("name", call.path("function").path("name").asString());
            block.set("input", toolInput(call.path("function").path("arguments").asString("")));
            block.putObject("caller").put("type", "direct");
        }
        out.put("stop_reason", StopReasons.of(text(choice.get("finish_reason")), text(choice.get("native_finish_reason"))));
        out.putNull("stop_sequence");
        out.putNull("stop_details");
        out.set("usage", AnthropicUsage.of(completion.path("usage")));
        out.putNull("container");
        return out;
    }

    /**
     * Reasoning comes as {@code reasoning_details} (with Anthropic's signatures, which a client must
     * send back unchanged) or as plain {@code reasoning} text from upstreams that have no details.
     */
    private static void thinking(JsonNode message, ArrayNode content) {
        JsonNode details = message.path("reasoning_details");
        boolean any = false;
        for (JsonNode detail : details) {
            String type = detail.path("type").asString("");
            if (type.equals("reasoning.text")) {
                content.addObject().put("type", "thinking")
                        .put("thinking", detail.path("text").asString(""))
                        .put("signature", detail.path("signature").asString(""));
                any = true;
            } else if (type.equals("reasoning.encrypted")) {
                content.addObject().put("type", "redacted_thinking").put("data", detail.path("data").asString(""));
                any = true;
            }
        }
        String reasoning = message.path("reasoning").asString("");
        if (!any && !reasoning.isEmpty()) {
            content.addObject().put("type", "thinking").put("thinking", reasoning).put("signature", "");
        }
    }

    /** Tool input must be an object; arguments a model broke off mid-way are kept under {@code _raw}. */
    private ObjectNode toolInput(String arguments) {
        if (arguments.isBlank()) {
            return json.createObjectNode();
        }
        try {
            JsonNode parsed = json.readTree(arguments);
            if (parsed instanceof ObjectNode object) {
                return object;
            }
        } catch (JacksonException e) {
            // falls through: the raw text is still the model's output and must reach the client
        }
        return json.createObjectNode().put("_raw", arguments);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }
}
