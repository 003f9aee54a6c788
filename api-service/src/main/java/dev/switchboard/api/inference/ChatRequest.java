package dev.switchboard.api.inference;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.switchboard.api.error.ApiException;

/**
 * A validated chat-completions request: the canonical body (OpenAI's format with OpenRouter's
 * extensions, unknown fields kept) and the few fields the gateway itself acts on.
 *
 * @param promptTokensUpper a bound the prompt's token count cannot exceed (text bytes, a fixed
 *                          allowance per image), used to size the credit hold
 * @param promptTokensEstimate about four bytes a token, rounded up (it is charged, and a charge
 *                          must not under-count): for context checks, and to charge a stream
 *                          that ended before the upstream reported usage
 * @param maxTokens         the client's completion limit, or 0 when it set none
 */
record ChatRequest(ObjectNode body, String model, boolean stream, long maxTokens, long promptTokensUpper,
                   long promptTokensEstimate) {

    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");
    private static final long TOKENS_PER_IMAGE = 1_600;
    private static final long TOKENS_PER_MESSAGE = 8;

    static ChatRequest parse(byte[] bytes, ObjectMapper json) {
        return of(readObject(bytes, json));
    }

    /** The request body as a JSON object, or a 400. */
    static ObjectNode readObject(byte[] bytes, ObjectMapper json) {
        JsonNode root;
        try {
            root = json.readTree(bytes);
        } catch (JacksonException e) {
            throw ApiException.badRequest("Malformed JSON in request body");
        }
        if (!(root instanceof ObjectNode body)) {
            throw ApiException.badRequest("Request body must be a JSON object");
        }
        return body;
    }

    /** Validates a canonical chat body. */
    static ChatRequest of(ObjectNode body) {
        String model = model(body);
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw ApiException.badRequest("'messages' is required and must be a non-empty array");
        }
        long upper = 0;
        int index = 0;
        for (JsonNode message : messages) {
            upper += messageTokensUpper(message, index++);
        }
        JsonNode tools = body.get("tools");
        if (tools != null && !tools.isNull()) {
            if (!tools.isArray()) {
                throw ApiException.badRequest("'tools' must be an array");
            }
            upper += utf8Length(tools.toString());
        }
        JsonNode stream = body.get("stream");
        if (stream != null && !stream.isNull() && !stream.isBoolean()) {
            throw ApiException.badRequest("'stream' must be a boolean");
        }
        long maxTokens = positiveInt(body, "max_completion_tokens");
        if (maxTokens == 0) {
            maxTokens = positiveInt(body, "max_tokens");
        }
        return new ChatRequest(body, model, stream != null && stream.asBoolean(false), maxTokens, upper,
                Math.max(1, Math.ceilDiv(upper, 4)));
    }

    private static String model(ObjectNode body) {
        JsonNode model = body.get("model");
        if (model != null && model.isString() && !model.asString().isBlank()) {
            return model.asString().trim();
        }
        JsonNode models = body.get("models");
        if (models != null && models.isArray() && !models.isEmpty() && models.get(0).isString()) {
            return models.get(0).asString().trim();
        }
        throw ApiException.badRequest("'model' is required (a catalogued model id such as 'openai/gpt-4o-mini')");
    }

    private static long messageTokensUpper(JsonNode message, int index) {
        if (!message.isObject()) {
            throw ApiException.badRequest("messages[" + index + "] must be an object");
        }
        String role = message.path("role").asString("");
        if (!ROLES.contains(role)) {
            throw ApiException.badRequest("messages[" + index + "].role must be one of " + ROLES);
        }
        long tokens = TOKENS_PER_MESSAGE;
        JsonNode content = message.get("content");
        if (content == null || content.isNull()) {
            if (!message.has("tool_calls")) {
                throw ApiException.badRequest("messages[" + index + "].content is required");
            }
        } else if (content.isString()) {
            tokens += utf8Length(content.asString());
        } else if (content.isArray()) {
            for (JsonNode part : content) {
                String type = part.path("type").asString("");
                tokens += switch (type) {
                    case "text" -> utf8Length(part.path("text").asString(""));
                    case "image_url" -> TOKENS_PER_IMAGE;
                    default -> utf8Length(part.toString()) / 3 + 1;
                };
            }
        } else {
            throw ApiException.badRequest("messages[" + index + "].content must be a string or an array of parts");
        }
        JsonNode toolCalls = message.get("tool_calls");
        if (toolCalls != null && !toolCalls.isNull()) {
            tokens += utf8Length(toolCalls.toString());
        }
        return tokens;
    }

    private static long positiveInt(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 1) {
            throw ApiException.badRequest("'" + field + "' must be a positive integer");
        }
        return value.asLong();
    }

    private static long utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
