package dev.switchboard.api.inference.messages;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.switchboard.api.error.ApiException;

/**
 * An Anthropic Messages request as the canonical chat request (OpenAI's format with OpenRouter's
 * extensions), so that any catalogued model can answer it. Pure; a bad request is a 400 naming the
 * field. Anthropic-only fields with no chat equivalent (service tier, containers, MCP servers) are
 * dropped rather than forwarded to upstreams that would reject them.
 */
public final class AnthropicRequestTranslator {

    /** Fields copied as they are: their meaning is the same in both APIs. */
    private static final List<String> SAME_MEANING = List.of("model", "stream", "temperature", "top_p", "top_k");

    private final ObjectMapper json;

    public AnthropicRequestTranslator(ObjectMapper json) {
        this.json = json;
    }

    /** A Messages request ({@code POST /messages}): {@code max_tokens} is required. */
    public ObjectNode toChat(ObjectNode in) {
        return translate(in, true);
    }

    /**
     * A token-count request ({@code POST /messages/count_tokens}): the Messages body without
     * {@code max_tokens}, validated the same way.
     */
    public ObjectNode countRequestToChat(ObjectNode in) {
        return translate(in, false);
    }

    private ObjectNode translate(ObjectNode in, boolean maxTokensRequired) {
        ObjectNode out = json.createObjectNode();
        for (String field : SAME_MEANING) {
            if (in.has(field)) {
                out.set(field, in.get(field));
            }
        }
        JsonNode maxTokens = in.get("max_tokens");
        if (maxTokens != null || maxTokensRequired) {
            if (maxTokens == null || !maxTokens.isIntegralNumber() || maxTokens.asLong() < 1) {
                throw ApiException.badRequest("max_tokens: a positive integer is required");
            }
            out.set("max_tokens", maxTokens);
        }
        ArrayNode messages = out.putArray("messages");
        system(in.get("system"), messages);
        JsonNode inMessages = in.get("messages");
        if (inMessages == null || !inMessages.isArray() || inMessages.isEmpty()) {
            throw ApiException.badRequest("messages: a non-empty array is required");
        }
        for (int i = 0; i < inMessages.size(); i++) {
            message(inMessages.get(i), i, messages);
        }
        stopSequences(in.get("stop_sequences"), out);
        tools(in.get("tools"), out);
        toolChoice(in.get("tool_choice"), out);
        thinking(in.get("thinking"), out);
        JsonNode user = in.path("metadata").get("user_id");
        if (user != null && user.isString()) {
            out.put("user", user.asString());
        }
        return out;
    }

    private void system(JsonNode system, ArrayNode messages) {
        if (system == null || system.isNull()) {
            return;
        }
        ObjectNode message = messages.addObject().put("role", "system");
        if (system.isString()) {
            message.put("content", system.asString());
            return;
        }
        if (!system.isArray()) {
            throw ApiException.badRequest("system: a string or an array of text blocks is expected");
        }
        ArrayNode parts = message.putArray("content");
        for (JsonNode block : system) {
            if (!"text".equals(block.path("type").asString(""))) {
                throw ApiException.badRequest("system: only text blocks are allowed");
            }
            parts.add(textPart(block));
        }
    }

    private void message(JsonNode message, int index, ArrayNode out) {
        String where = "messages." + index;
        if (!message.isObject()) {
            throw ApiException.badRequest(where + ": an object is expected");
        }
        String role = message.path("role").asString("");
        if (!role.equals("user") && !role.equals("assistant")) {
            throw ApiException.badRequest(where + ".role: must be 'user' or 'assistant'");
        }
        JsonNode content = message.get("content");
        if (content != null && content.isString()) {
            out.addObject().put("role", role).put("content", content.asString());
            return;
        }
        if (content == null || !content.isArray()) {
            throw ApiException.badRequest(where + ".content: a string or an array of content blocks is required");
        }
        if (role.equals("user")) {
            userBlocks(content, where, out);
        } else {
            assistantBlocks(content, where, out);
        }
    }

    /** Tool results become {@code tool} messages, placed before the user's own parts as chat requires. */
    private void userBlocks(JsonNode blocks, String where, ArrayNode out) {
        List<ObjectNode> toolResults = new ArrayList<>();
        ArrayNode parts = json.createArrayNode();
        for (int i = 0; i < blocks.size(); i++) {
            JsonNode block = blocks.get(i);
            String type = block.path("type").asString("");
            switch (type) {
                case "text" -> parts.add(textPart(block));
                case "image" -> parts.add(imagePart(block, where + ".content." + i));
                case "document" -> parts.add(documentPart(block, where + ".content." + i));
                case "tool_result" -> toolResults.add(toolResult(block, where + ".content." + i));
                default -> throw ApiException.badRequest(where + ".content." + i + ".type: '" + type
                        + "' is not supported in a user message");
            }
        }
        toolResults.forEach(out::add);
        if (!parts.isEmpty()) {
            out.addObject().put("role", "user").set("content", parts);
        }
    }

    private void assistantBlocks(JsonNode blocks, String where, ArrayNode out) {
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        ArrayNode details = json.createArrayNode();
        ArrayNode toolCalls = json.createArrayNode();
        for (int i = 0; i < blocks.size(); i++) {
            JsonNode block = blocks.get(i);
            String type = block.path("type").asString("");
            switch (type) {
                case "text" -> text.append(block.path("text").asString(""));
                case "thinking" -> {
                    reasoning.append(block.path("thinking").asString(""));
                    ObjectNode detail = details.addObject()
                            .put("type", "reasoning.text")
                            .put("text", block.path("thinking").asString(""))
                            .put("format", "anthropic-claude-v1");
                    if (block.hasNonNull("signature")) {
                        detail.put("signature", block.get("signature").asString());
                    }
                }
                case "redacted_thinking" -> details.addObject()
                        .put("type", "reasoning.encrypted")
                        .put("data", block.path("data").asString(""))
                        .put("format", "anthropic-claude-v1");
                case "tool_use" -> {
                    ObjectNode call = toolCalls.addObject()
                            .put("id", required(block, "id", where + ".content." + i))
                            .put("type", "function");
                    call.putObject("function")
                            .put("name", required(block, "name", where + ".content." + i))
                            .put("arguments", json.writeValueAsString(block.has("input") ? block.get("input") : json.createObjectNode()));
                }
                default -> throw ApiException.badRequest(where + ".content." + i + ".type: '" + type
                        + "' is not supported in an assistant message");
            }
        }
        ObjectNode message = out.addObject().put("role", "assistant");
        if (!text.isEmpty() || toolCalls.isEmpty()) {
            message.put("content", text.toString());
        } else {
            message.putNull("content");
        }
        if (!toolCalls.isEmpty()) {
            message.set("tool_calls", toolCalls);
        }
        if (!reasoning.isEmpty()) {
            message.put("reasoning", reasoning.toString());
        }
        if (!details.isEmpty()) {
            message.set("reasoning_details", details);
        }
    }

    private ObjectNode textPart(JsonNode block) {
        ObjectNode part = json.createObjectNode().put("type", "text").put("text", block.path("text").asString(""));
        if (block.has("cache_control")) {
            part.set("cache_control", block.get("cache_control"));
        }
        return part;
    }

    private ObjectNode imagePart(JsonNode block, String where) {
        JsonNode source = block.path("source");
        String url = switch (source.path("type").asString("")) {
            case "base64" -> "data:" + required(source, "media_type", where + ".source") + ";base64,"
                    + required(source, "data", where + ".source");
            case "url" -> required(source, "url", where + ".source");
            default -> throw ApiException.badRequest(where + ".source.type: 'base64' or 'url' is expected");
        };
        ObjectNode part = json.createObjectNode().put("type", "image_url");
        part.putObject("image_url").put("url", url);
        return part;
    }

    private ObjectNode documentPart(JsonNode block, String where) {
        JsonNode source = block.path("source");
        String type = source.path("type").asString("");
        if (type.equals("text")) {
            return json.createObjectNode().put("type", "text").put("text", required(source, "data", where + ".source"));
        }
        String fileData = switch (type) {
            case "base64" -> "data:" + required(source, "media_type", where + ".source") + ";base64,"
                    + required(source, "data", where + ".source");
            case "url" -> required(source, "url", where + ".source");
            default -> throw ApiException.badRequest(where + ".source.type: 'base64', 'url' or 'text' is expected");
        };
        ObjectNode part = json.createObjectNode().put("type", "file");
        part.putObject("file")
                .put("filename", block.path("title").asString("document.pdf"))
                .put("file_data", fileData);
        return part;
    }

    private ObjectNode toolResult(JsonNode block, String where) {
        ObjectNode message = json.createObjectNode()
                .put("role", "tool")
                .put("tool_call_id", required(block, "tool_use_id", where));
        JsonNode content = block.get("content");
        String text;
        if (content == null || content.isNull()) {
            text = "";
        } else if (content.isString()) {
            text = content.asString();
        } else {
            StringBuilder joined = new StringBuilder();
            for (JsonNode part : content) {
                if ("text".equals(part.path("type").asString(""))) {
                    joined.append(part.path("text").asString(""));
                }
            }
            text = joined.toString();
        }
        // Chat has no error flag on tool messages; the model must still learn that the call failed.
        message.put("content", block.path("is_error").asBoolean(false) ? "Error: " + text : text);
        return message;
    }

    private void stopSequences(JsonNode stop, ObjectNode out) {
        if (stop == null || stop.isNull()) {
            return;
        }
        if (!stop.isArray()) {
            throw ApiException.badRequest("stop_sequences: an array of strings is expected");
        }
        out.set("stop", stop);
    }

    private void tools(JsonNode tools, ObjectNode out) {
        if (tools == null || tools.isNull()) {
            return;
        }
        if (!tools.isArray()) {
            throw ApiException.badRequest("tools: an array is expected");
        }
        ArrayNode converted = out.putArray("tools");
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String type = tool.path("type").asString("custom");
            if (!type.equals("custom")) {
                throw ApiException.badRequest("tools." + i + ".type: server tool '" + type + "' is not supported");
            }
            ObjectNode function = converted.addObject().put("type", "function").putObject("function");
            function.put("name", required(tool, "name", "tools." + i));
            if (tool.hasNonNull("description")) {
                function.put("description", tool.get("description").asString());
            }
            function.set("parameters", tool.has("input_schema") ? tool.get("input_schema") : json.createObjectNode().put("type", "object"));
        }
    }

    private void toolChoice(JsonNode choice, ObjectNode out) {
        if (choice == null || choice.isNull()) {
            return;
        }
        String type = choice.path("type").asString("");
        switch (type) {
            case "auto" -> out.put("tool_choice", "auto");
            case "any" -> out.put("tool_choice", "required");
            case "none" -> out.put("tool_choice", "none");
            case "tool" -> out.putObject("tool_choice").put("type", "function")
                    .putObject("function").put("name", required(choice, "name", "tool_choice"));
            default -> throw ApiException.badRequest("tool_choice.type: one of auto, any, tool, none is expected");
        }
        if (choice.path("disable_parallel_tool_use").asBoolean(false)) {
            out.put("parallel_tool_calls", false);
        }
    }

    /** Extended thinking is OpenRouter's {@code reasoning}: a budget becomes {@code reasoning.max_tokens}. */
    private static void thinking(JsonNode thinking, ObjectNode out) {
        if (thinking == null || thinking.isNull()) {
            return;
        }
        String type = thinking.path("type").asString("");
        switch (type) {
            case "enabled" -> {
                JsonNode budget = thinking.get("budget_tokens");
                if (budget == null || !budget.isIntegralNumber() || budget.asLong() < 1) {
                    throw ApiException.badRequest("thinking.budget_tokens: a positive integer is required");
                }
                out.putObject("reasoning").put("max_tokens", budget.asLong());
            }
            case "adaptive" -> out.putObject("reasoning").put("enabled", true);
            case "disabled" -> out.putObject("reasoning").put("enabled", false);
            default -> throw ApiException.badRequest("thinking.type: 'enabled', 'adaptive' or 'disabled' is expected");
        }
    }

    private static String required(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString() || value.asString().isEmpty()) {
            throw ApiException.badRequest(where + "." + field + ": a string is required");
        }
        return value.asString();
    }
}
