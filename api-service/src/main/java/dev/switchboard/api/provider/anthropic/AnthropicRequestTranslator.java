package dev.switchboard.api.provider.anthropic;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.switchboard.api.catalog.Endpoint;
import dev.switchboard.api.provider.DataUri;
import dev.switchboard.api.provider.ReasoningRequest;

/**
 * Pure translation of a canonical request (OpenAI chat-completions JSON with OpenRouter's
 * extensions) into an Anthropic Messages request. The request is built as a tree rather than
 * records so that what Anthropic accepts beyond OpenAI's shape ({@code cache_control} on any part)
 * passes through untouched.
 *
 * <p>Decisions: system and developer messages become the top-level {@code system} blocks, wherever
 * they appear; consecutive messages of one role are merged (Anthropic wants turns to alternate);
 * {@code tool} messages become {@code tool_result} blocks of a user turn; a {@code json_schema}
 * response format becomes {@code output_config.format}. Parameters Anthropic has no counterpart
 * for (penalties, seed, logit bias, n, {@code json_object}) are not sent.
 */
final class AnthropicRequestTranslator {

    /** Anthropic requires {@code max_tokens}; this is used when neither the client nor the catalog gives one. */
    static final long DEFAULT_MAX_TOKENS = 4_096;
    /** Anthropic's smallest thinking budget. */
    static final long MIN_THINKING_BUDGET = 1_024;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper ARGUMENTS = JsonMapper.builder().build();

    private AnthropicRequestTranslator() {
    }

    static ObjectNode toUpstream(ObjectNode canonical, Endpoint endpoint, boolean stream) {
        ObjectNode body = NODES.objectNode();
        body.put("model", endpoint.upstreamModelId());
        long maxTokens = maxTokens(canonical, endpoint);
        body.put("max_tokens", maxTokens);
        ArrayNode system = NODES.arrayNode();
        body.set("messages", messages(canonical.path("messages"), system));
        if (!system.isEmpty()) {
            body.set("system", system);
        }
        copySampling(canonical, body);
        stopSequences(canonical.get("stop"), body);
        tools(canonical, body);
        outputFormat(canonical.path("response_format"), body);
        boolean thinking = thinking(ReasoningRequest.of(canonical), maxTokens, body);
        if (thinking) {
            // Extended thinking refuses a changed temperature or top_k, and forced tool use.
            body.remove("temperature");
            body.remove("top_k");
            JsonNode choice = body.path("tool_choice");
            if (choice.path("type").asString("").equals("any") || choice.path("type").asString("").equals("tool")) {
                ((ObjectNode) choice).put("type", "auto");
                ((ObjectNode) choice).remove("name");
            }
        }
        if (canonical.hasNonNull("user")) {
            body.putObject("metadata").put("user_id", canonical.get("user").asString());
        }
        if (stream) {
            body.put("stream", true);
        }
        return body;
    }

    private static long maxTokens(ObjectNode canonical, Endpoint endpoint) {
        long requested = canonical.path("max_completion_tokens").asLong(canonical.path("max_tokens").asLong(0));
        if (requested > 0) {
            return requested;
        }
        // The same default the credit hold was sized with: the endpoint's cap, else 4,096.
        return endpoint.maxCompletionTokens() > 0 ? endpoint.maxCompletionTokens() : DEFAULT_MAX_TOKENS;
    }

    /**
     * Enables thinking with a budget below {@code max_tokens} (Anthropic requires it). When the
     * client's {@code max_tokens} leaves no room for the minimum budget, thinking stays off: the
     * client's cap on what it pays for wins over the wish to reason.
     */
    static boolean thinking(ReasoningRequest reasoning, long maxTokens, ObjectNode body) {
        if (!reasoning.enabled()) {
            return false;
        }
        long budget = Math.max(MIN_THINKING_BUDGET, Math.min(reasoning.budgetFor(maxTokens), maxTokens - 1));
        if (budget >= maxTokens) {
            return false;
        }
        ObjectNode thinking = body.putObject("thinking");
        thinking.put("type", "enabled");
        thinking.put("budget_tokens", budget);
        return true;
    }

    private static void copySampling(ObjectNode canonical, ObjectNode body) {
        for (String field : new String[] {"temperature", "top_p", "top_k"}) {
            if (canonical.hasNonNull(field)) {
                body.set(field, canonical.get(field));
            }
        }
    }

    /**
     * {@code json_schema} becomes Anthropic's structured output ({@code output_config.format}).
     * {@code json_object} has no Anthropic counterpart (its structured output needs a schema), so
     * it is not sent; endpoints that cannot honour it should not list {@code response_format}.
     */
    private static void outputFormat(JsonNode format, ObjectNode body) {
        JsonNode schema = format.path("json_schema").path("schema");
        if ("json_schema".equals(format.path("type").asString("")) && schema.isObject()) {
            ObjectNode out = body.putObject("output_config").putObject("format");
            out.put("type", "json_schema");
            out.set("schema", schema);
        }
    }

    private static void stopSequences(JsonNode stop, ObjectNode body) {
        if (stop == null || stop.isNull()) {
            return;
        }
        ArrayNode sequences = body.putArray("stop_sequences");
        if (stop.isString()) {
            sequences.add(stop.asString());
        } else {
            stop.forEach(sequences::add);
        }
    }

    // ---- messages ---------------------------------------------------------------------------------

    private static ArrayNode messages(JsonNode messages, ArrayNode system) {
        ArrayNode out = NODES.arrayNode();
        for (JsonNode message : messages) {
            String role = message.path("role").asString("");
            switch (role) {
                case "system", "developer" -> system.addAll(textBlocks(message.get("content")));
                case "tool" -> append(out, "user", toolResult(message));
                case "assistant" -> append(out, "assistant", assistantBlocks(message));
                default -> append(out, "user", userBlocks(message.get("content")));
            }
        }
        return out;
    }

    /** Adds blocks to the last turn when it has the same role, else opens a new turn. */
    private static void append(ArrayNode turns, String role, ArrayNode blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        if (!turns.isEmpty() && role.equals(turns.get(turns.size() - 1).path("role").asString())) {
            ((ArrayNode) turns.get(turns.size() - 1).get("content")).addAll(blocks);
            return;
        }
        ObjectNode turn = turns.addObject();
        turn.put("role", role);
        turn.set("content", blocks);
    }

    private static ArrayNode textBlocks(JsonNode content) {
        ArrayNode blocks = NODES.arrayNode();
        if (content == null || content.isNull()) {
            return blocks;
        }
        if (content.isString()) {
            blocks.addObject().put("type", "text").put("text", content.asString());
            return blocks;
        }
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asString())) {
                blocks.add(textBlock(part));
            }
        }
        return blocks;
    }

    private static ObjectNode textBlock(JsonNode part) {
        ObjectNode block = NODES.objectNode().put("type", "text").put("text", part.path("text").asString(""));
        cacheControl(part, block);
        return block;
    }

    private static ArrayNode userBlocks(JsonNode content) {
        ArrayNode blocks = NODES.arrayNode();
        if (content == null || content.isNull()) {
            return blocks;
        }
        if (content.isString()) {
            blocks.addObject().put("type", "text").put("text", content.asString());
            return blocks;
        }
        for (JsonNode part : content) {
            switch (part.path("type").asString("")) {
                case "text" -> blocks.add(textBlock(part));
                case "image_url" -> blocks.add(image(part));
                case "file" -> blocks.add(document(part));
                default -> blocks.add(part.deepCopy()); // already Anthropic-shaped, or for Anthropic to judge
            }
        }
        return blocks;
    }

    private static ObjectNode image(JsonNode part) {
        JsonNode imageUrl = part.path("image_url");
        String url = imageUrl.isString() ? imageUrl.asString() : imageUrl.path("url").asString("");
        ObjectNode block = NODES.objectNode().put("type", "image");
        block.set("source", source(url));
        cacheControl(part, block);
        return block;
    }

    /** OpenRouter's {@code file} part (a PDF as a data URI or URL) becomes a {@code document} block. */
    private static ObjectNode document(JsonNode part) {
        JsonNode file = part.path("file");
        String data = file.path("file_data").asString(file.path("url").asString(""));
        ObjectNode block = NODES.objectNode().put("type", "document");
        block.set("source", source(data));
        if (file.hasNonNull("filename")) {
            block.put("title", file.get("filename").asString());
        }
        cacheControl(part, block);
        return block;
    }

    private static ObjectNode source(String url) {
        ObjectNode source = NODES.objectNode();
        DataUri.parse(url).ifPresentOrElse(
                data -> source.put("type", "base64").put("media_type", data.mediaType()).put("data", data.base64()),
                () -> source.put("type", "url").put("url", url));
        return source;
    }

    private static ArrayNode assistantBlocks(JsonNode message) {
        ArrayNode blocks = NODES.arrayNode();
        // Thinking blocks go back first and unchanged: Anthropic checks their signatures on tool turns.
        for (JsonNode detail : message.path("reasoning_details")) {
            String type = detail.path("type").asString("");
            if ("reasoning.text".equals(type) && detail.hasNonNull("signature")) {
                blocks.addObject().put("type", "thinking")
                        .put("thinking", detail.path("text").asString(""))
                        .put("signature", detail.get("signature").asString());
            } else if ("reasoning.encrypted".equals(type)) {
                blocks.addObject().put("type", "redacted_thinking").put("data", detail.path("data").asString(""));
            }
        }
        JsonNode content = message.get("content");
        for (JsonNode block : textBlocks(content)) {
            if (!block.path("text").asString("").isEmpty()) {
                blocks.add(block);
            }
        }
        for (JsonNode call : message.path("tool_calls")) {
            ObjectNode use = blocks.addObject();
            use.put("type", "tool_use");
            use.put("id", call.path("id").asString(""));
            use.put("name", call.path("function").path("name").asString(""));
            use.set("input", arguments(call.path("function").path("arguments").asString("")));
        }
        return blocks;
    }

    private static JsonNode arguments(String text) {
        if (text.isBlank()) {
            return NODES.objectNode();
        }
        try {
            JsonNode parsed = ARGUMENTS.readTree(text);
            return parsed.isObject() ? parsed : NODES.objectNode().set("value", parsed);
        } catch (JacksonException e) {
            // A model's malformed arguments are history the caller sent; keep them visible, not lost.
            return NODES.objectNode().put("raw_arguments", text);
        }
    }

    private static ArrayNode toolResult(JsonNode message) {
        ArrayNode blocks = NODES.arrayNode();
        ObjectNode result = blocks.addObject();
        result.put("type", "tool_result");
        result.put("tool_use_id", message.path("tool_call_id").asString(""));
        JsonNode content = message.get("content");
        if (content != null && content.isString()) {
            result.put("content", content.asString());
        } else if (content != null && content.isArray()) {
            result.set("content", userBlocks(content));
        }
        return blocks;
    }

    private static void cacheControl(JsonNode from, ObjectNode to) {
        if (from.hasNonNull("cache_control")) {
            to.set("cache_control", from.get("cache_control"));
        }
    }

    // ---- tools ------------------------------------------------------------------------------------

    private static void tools(ObjectNode canonical, ObjectNode body) {
        JsonNode tools = canonical.get("tools");
        if (tools == null || !tools.isArray() || tools.isEmpty()) {
            return;
        }
        ArrayNode out = body.putArray("tools");
        for (JsonNode tool : tools) {
            JsonNode function = tool.path("function");
            ObjectNode converted = out.addObject();
            converted.put("name", function.path("name").asString(""));
            if (function.hasNonNull("description")) {
                converted.put("description", function.get("description").asString());
            }
            JsonNode schema = function.get("parameters");
            converted.set("input_schema", schema != null && schema.isObject() ? schema
                    : NODES.objectNode().put("type", "object"));
            cacheControl(tool, converted);
        }
        ObjectNode choice = toolChoice(canonical.get("tool_choice"));
        if (canonical.path("parallel_tool_calls").isBoolean() && !canonical.get("parallel_tool_calls").asBoolean()) {
            choice.put("disable_parallel_tool_use", true);
        }
        body.set("tool_choice", choice);
    }

    private static ObjectNode toolChoice(JsonNode choice) {
        ObjectNode out = NODES.objectNode();
        if (choice == null || choice.isNull()) {
            return out.put("type", "auto");
        }
        if (choice.isString()) {
            return out.put("type", switch (choice.asString()) {
                case "none" -> "none";
                case "required" -> "any";
                default -> "auto";
            });
        }
        return out.put("type", "tool").put("name", choice.path("function").path("name").asString(""));
    }
}
