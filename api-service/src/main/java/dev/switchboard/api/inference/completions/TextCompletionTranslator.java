package dev.switchboard.api.inference.completions;

import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.switchboard.api.error.ApiException;

/**
 * Legacy completions over chat: the prompt becomes one user message, and every answer the
 * {@code text_completion} shape with {@code choices[].text}. Other fields (sampling, stop,
 * max_tokens, stream, OpenRouter's routing controls) mean the same in both and pass through.
 */
public final class TextCompletionTranslator {

    /** Legacy options with no chat equivalent: refused rather than silently ignored. */
    private static final List<String> UNSUPPORTED = List.of("suffix", "echo", "best_of", "logprobs");

    private final ObjectMapper json;

    public TextCompletionTranslator(ObjectMapper json) {
        this.json = json;
    }

    public ObjectNode toChat(ObjectNode request) {
        for (String field : UNSUPPORTED) {
            JsonNode value = request.get(field);
            if (value != null && !value.isNull() && !(value.isBoolean() && !value.asBoolean())
                    && !(field.equals("best_of") && value.asInt(0) == 1)) {
                throw ApiException.badRequest("'" + field + "' is not supported by /completions over chat models");
            }
        }
        ObjectNode chat = request.deepCopy();
        chat.remove(UNSUPPORTED);
        JsonNode prompt = chat.remove("prompt");
        ObjectNode user = chat.putArray("messages").addObject().put("role", "user");
        if (prompt != null && prompt.isString()) {
            user.put("content", prompt.asString());
        } else if (prompt != null && prompt.isArray() && !prompt.isEmpty() && allStrings(prompt)) {
            ArrayNode parts = user.putArray("content");
            for (JsonNode text : prompt) {
                parts.addObject().put("type", "text").put("text", text.asString());
            }
        } else if (prompt != null && prompt.isArray() && !prompt.isEmpty()) {
            throw ApiException.badRequest("'prompt' as token ids is not supported: send text");
        } else {
            throw ApiException.badRequest("'prompt' is required: a string or a non-empty array of strings");
        }
        return chat;
    }

    /** A finished {@code chat.completion} as a {@code text_completion}. */
    public ObjectNode answer(ObjectNode completion) {
        ObjectNode out = header(completion);
        ArrayNode choices = out.putArray("choices");
        for (JsonNode choice : completion.path("choices")) {
            choice(choices, choice, choice.path("message").path("content").asString(""));
        }
        if (completion.has("usage")) {
            out.set("usage", completion.get("usage"));
        }
        return out;
    }

    /**
     * One streamed {@code chat.completion.chunk} (or OpenRouter's final usage chunk, or its error
     * chunk) as a streamed {@code text_completion}: the same id, usage and error, text in place of
     * the delta.
     */
    public ObjectNode chunk(ObjectNode chunk) {
        ObjectNode out = header(chunk);
        ArrayNode choices = out.putArray("choices");
        for (JsonNode choice : chunk.path("choices")) {
            choice(choices, choice, choice.path("delta").path("content").asString(""));
        }
        if (chunk.has("usage") && !chunk.get("usage").isNull()) {
            out.set("usage", chunk.get("usage"));
        }
        if (chunk.has("error")) {
            out.set("error", chunk.get("error"));
        }
        return out;
    }

    private ObjectNode header(ObjectNode chat) {
        ObjectNode out = json.createObjectNode()
                .put("id", chat.path("id").asString())
                .put("object", "text_completion")
                .put("created", chat.path("created").asLong())
                .put("model", chat.path("model").asString());
        if (chat.has("provider")) {
            out.set("provider", chat.get("provider"));
        }
        return out;
    }

    private static void choice(ArrayNode choices, JsonNode chat, String text) {
        ObjectNode choice = choices.addObject()
                .put("index", chat.path("index").asInt(0))
                .put("text", text);
        choice.putNull("logprobs");
        choice.set("finish_reason", chat.get("finish_reason") == null ? choice.nullNode() : chat.get("finish_reason"));
        if (chat.has("native_finish_reason")) {
            choice.set("native_finish_reason", chat.get("native_finish_reason"));
        }
    }

    private static boolean allStrings(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isString()) {
                return false;
            }
        }
        return true;
    }
}
