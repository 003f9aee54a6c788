package dev.switchboard.api.provider.gemini;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
 * Pure translation of a canonical request into a Gemini {@code GenerateContentRequest}: system and
 * developer messages become {@code systemInstruction}; assistant turns are {@code model} turns;
 * tool calls and results become {@code functionCall} / {@code functionResponse} parts (the result
 * finds its function's name through the call id); images and PDFs become {@code inlineData}
 * (data URIs) or {@code fileData} (URLs); sampling, stop sequences, {@code response_format} and
 * reasoning go into {@code generationConfig}.
 */
final class GeminiRequestTranslator {

    /** OpenRouter's format tag for Gemini thought signatures carried in {@code reasoning_details}. */
    static final String SIGNATURE_FORMAT = "google-gemini-v1";

    /** JSON-Schema keywords Gemini's OpenAPI-subset schema rejects. */
    private static final Set<String> UNSUPPORTED_SCHEMA_KEYS = Set.of("$schema", "$id", "additionalProperties",
            "strict", "examples", "$comment");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper ARGUMENTS = JsonMapper.builder().build();

    private GeminiRequestTranslator() {
    }

    static ObjectNode toUpstream(ObjectNode canonical, Endpoint endpoint) {
        ObjectNode body = NODES.objectNode();
        ArrayNode system = NODES.arrayNode();
        body.set("contents", contents(canonical.path("messages"), system));
        if (!system.isEmpty()) {
            body.putObject("systemInstruction").set("parts", system);
        }
        tools(canonical, body);
        ObjectNode config = generationConfig(canonical, endpoint);
        if (!config.isEmpty()) {
            body.set("generationConfig", config);
        }
        return body;
    }

    // ---- contents ---------------------------------------------------------------------------------

    private static ArrayNode contents(JsonNode messages, ArrayNode system) {
        ArrayNode turns = NODES.arrayNode();
        Map<String, String> functionByCallId = new HashMap<>();
        for (JsonNode message : messages) {
            switch (message.path("role").asString("")) {
                case "system", "developer" -> system.addAll(parts(message.get("content")));
                case "assistant" -> append(turns, "model", modelParts(message, functionByCallId));
                case "tool" -> append(turns, "user", functionResponse(message, functionByCallId));
                default -> append(turns, "user", parts(message.get("content")));
            }
        }
        return turns;
    }

    /** Gemini wants turns to alternate; consecutive parts of one role join one turn. */
    private static void append(ArrayNode turns, String role, ArrayNode parts) {
        if (parts.isEmpty()) {
            return;
        }
        if (!turns.isEmpty() && role.equals(turns.get(turns.size() - 1).path("role").asString())) {
            ((ArrayNode) turns.get(turns.size() - 1).get("parts")).addAll(parts);
            return;
        }
        ObjectNode turn = turns.addObject();
        turn.put("role", role);
        turn.set("parts", parts);
    }

    private static ArrayNode parts(JsonNode content) {
        ArrayNode parts = NODES.arrayNode();
        if (content == null || content.isNull()) {
            return parts;
        }
        if (content.isString()) {
            parts.addObject().put("text", content.asString());
            return parts;
        }
        for (JsonNode part : content) {
            switch (part.path("type").asString("")) {
                case "text" -> parts.addObject().put("text", part.path("text").asString(""));
                case "image_url" -> {
                    JsonNode image = part.path("image_url");
                    parts.add(media(image.isString() ? image.asString() : image.path("url").asString(""), "image/jpeg"));
                }
                case "file" -> {
                    JsonNode file = part.path("file");
                    parts.add(media(file.path("file_data").asString(file.path("url").asString("")), "application/pdf"));
                }
                default -> {
                    // audio and other part kinds are not translated; Gemini would refuse OpenAI's shape
                }
            }
        }
        return parts;
    }

    private static ObjectNode media(String url, String fallbackMimeType) {
        ObjectNode part = NODES.objectNode();
        DataUri.parse(url).ifPresentOrElse(
                data -> part.putObject("inlineData").put("mimeType", data.mediaType()).put("data", data.base64()),
                () -> part.putObject("fileData").put("mimeType", mimeTypeOf(url, fallbackMimeType)).put("fileUri", url));
        return part;
    }

    private static String mimeTypeOf(String url, String fallback) {
        String path = url.toLowerCase(Locale.ROOT);
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.endsWith(".png")) {
            return "image/png";
        }
        if (path.endsWith(".webp")) {
            return "image/webp";
        }
        if (path.endsWith(".gif")) {
            return "image/gif";
        }
        if (path.endsWith(".jpg") || path.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (path.endsWith(".pdf")) {
            return "application/pdf";
        }
        return fallback;
    }

    private static ArrayNode modelParts(JsonNode message, Map<String, String> functionByCallId) {
        ArrayNode parts = NODES.arrayNode();
        JsonNode content = message.get("content");
        for (JsonNode part : parts(content)) {
            if (!part.path("text").asString("").isEmpty()) {
                parts.add(part);
            }
        }
        Map<String, String> signatureByCallId = new HashMap<>();
        for (JsonNode detail : message.path("reasoning_details")) {
            if ("reasoning.encrypted".equals(detail.path("type").asString()) && detail.hasNonNull("id")) {
                signatureByCallId.put(detail.get("id").asString(), detail.path("data").asString(""));
            }
        }
        for (JsonNode call : message.path("tool_calls")) {
            String id = call.path("id").asString("");
            String name = call.path("function").path("name").asString("");
            functionByCallId.put(id, name);
            ObjectNode part = parts.addObject();
            ObjectNode functionCall = part.putObject("functionCall");
            functionCall.put("name", name);
            functionCall.set("args", arguments(call.path("function").path("arguments").asString("")));
            // Gemini refuses a function call from a thinking turn without the signature it was given.
            if (signatureByCallId.containsKey(id)) {
                part.put("thoughtSignature", signatureByCallId.get(id));
            }
        }
        return parts;
    }

    private static ArrayNode functionResponse(JsonNode message, Map<String, String> functionByCallId) {
        ArrayNode parts = NODES.arrayNode();
        String callId = message.path("tool_call_id").asString("");
        ObjectNode response = parts.addObject().putObject("functionResponse");
        response.put("name", functionByCallId.getOrDefault(callId, message.path("name").asString(callId)));
        JsonNode content = message.get("content");
        String text = content == null || content.isNull() ? ""
                : content.isString() ? content.asString() : textOf(content);
        JsonNode parsed = parseObject(text);
        response.set("response", parsed != null ? parsed : NODES.objectNode().put("content", text));
        return parts;
    }

    private static String textOf(JsonNode parts) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : parts) {
            text.append(part.path("text").asString(""));
        }
        return text.toString();
    }

    private static JsonNode arguments(String text) {
        JsonNode parsed = parseObject(text);
        return parsed != null ? parsed : NODES.objectNode();
    }

    private static JsonNode parseObject(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            JsonNode node = ARGUMENTS.readTree(text);
            return node.isObject() ? node : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    // ---- tools ------------------------------------------------------------------------------------

    private static void tools(ObjectNode canonical, ObjectNode body) {
        JsonNode tools = canonical.get("tools");
        if (tools == null || !tools.isArray() || tools.isEmpty()) {
            return;
        }
        ArrayNode declarations = body.putArray("tools").addObject().putArray("functionDeclarations");
        for (JsonNode tool : tools) {
            JsonNode function = tool.path("function");
            ObjectNode declaration = declarations.addObject();
            declaration.put("name", function.path("name").asString(""));
            if (function.hasNonNull("description")) {
                declaration.put("description", function.get("description").asString());
            }
            JsonNode parameters = function.get("parameters");
            if (parameters != null && parameters.isObject() && !parameters.path("properties").isEmpty()) {
                declaration.set("parameters", schema(parameters));
            }
        }
        JsonNode choice = canonical.get("tool_choice");
        if (choice == null || choice.isNull()) {
            return;
        }
        ObjectNode config = body.putObject("toolConfig").putObject("functionCallingConfig");
        if (choice.isString()) {
            config.put("mode", switch (choice.asString()) {
                case "none" -> "NONE";
                case "required" -> "ANY";
                default -> "AUTO";
            });
        } else {
            config.put("mode", "ANY");
            config.putArray("allowedFunctionNames").add(choice.path("function").path("name").asString(""));
        }
    }

    /** A copy of a JSON Schema without the keywords Gemini's schema subset refuses. */
    static JsonNode schema(JsonNode schema) {
        if (schema.isArray()) {
            ArrayNode items = NODES.arrayNode();
            schema.forEach(item -> items.add(schema(item)));
            return items;
        }
        if (!schema.isObject()) {
            return schema;
        }
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<String, JsonNode> field : schema.properties()) {
            if (UNSUPPORTED_SCHEMA_KEYS.contains(field.getKey())) {
                continue;
            }
            if ("properties".equals(field.getKey()) && field.getValue().isObject()) {
                ObjectNode properties = out.putObject("properties");
                for (Map.Entry<String, JsonNode> property : field.getValue().properties()) {
                    properties.set(property.getKey(), schema(property.getValue()));
                }
            } else {
                out.set(field.getKey(), schema(field.getValue()));
            }
        }
        return out;
    }

    // ---- generation config ------------------------------------------------------------------------

    private static ObjectNode generationConfig(ObjectNode canonical, Endpoint endpoint) {
        ObjectNode config = NODES.objectNode();
        copy(canonical, "temperature", config, "temperature");
        copy(canonical, "top_p", config, "topP");
        copy(canonical, "top_k", config, "topK");
        copy(canonical, "presence_penalty", config, "presencePenalty");
        copy(canonical, "frequency_penalty", config, "frequencyPenalty");
        copy(canonical, "seed", config, "seed");
        long maxTokens = canonical.path("max_completion_tokens").asLong(canonical.path("max_tokens").asLong(0));
        if (maxTokens > 0) {
            config.put("maxOutputTokens", maxTokens);
        }
        JsonNode stop = canonical.get("stop");
        if (stop != null && !stop.isNull()) {
            ArrayNode sequences = config.putArray("stopSequences");
            if (stop.isString()) {
                sequences.add(stop.asString());
            } else {
                stop.forEach(sequences::add);
            }
        }
        responseFormat(canonical.path("response_format"), config);
        thinking(ReasoningRequest.of(canonical), maxTokens > 0 ? maxTokens : endpoint.maxCompletionTokens(), config);
        return config;
    }

    private static void copy(ObjectNode from, String field, ObjectNode to, String as) {
        if (from.hasNonNull(field)) {
            to.set(as, from.get(field));
        }
    }

    private static void responseFormat(JsonNode format, ObjectNode config) {
        switch (format.path("type").asString("")) {
            case "json_object" -> config.put("responseMimeType", "application/json");
            case "json_schema" -> {
                config.put("responseMimeType", "application/json");
                JsonNode schema = format.path("json_schema").path("schema");
                if (schema.isObject()) {
                    config.set("responseSchema", schema(schema));
                }
            }
            default -> {
                // "text" or absent: Gemini's default
            }
        }
    }

    /**
     * OpenRouter's reasoning object as Gemini's {@code thinkingConfig}: an explicit budget as is, an
     * effort as a share of the output allowance (8,192 tokens assumed when neither the client nor
     * the catalog caps it); {@code exclude} turns thought summaries off, not thinking itself.
     */
    static void thinking(ReasoningRequest reasoning, long maxOutputTokens, ObjectNode config) {
        if (!reasoning.enabled()) {
            return;
        }
        ObjectNode thinking = config.putObject("thinkingConfig");
        thinking.put("thinkingBudget", reasoning.budgetFor(maxOutputTokens > 0 ? maxOutputTokens : 8_192));
        thinking.put("includeThoughts", !reasoning.exclude());
    }
}
