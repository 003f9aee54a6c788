package dev.switchboard.api.inference;

import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.switchboard.api.error.ApiException;

/**
 * A validated OpenAI embeddings request: {@code input} as a string, an array of strings, an array
 * of token ids or an array of token-id arrays; {@code encoding_format} {@code float} (default) or
 * {@code base64}; optional {@code dimensions}.
 *
 * @param inputTokensUpper a bound the input's token count cannot exceed (a byte or a token id each), for the hold
 * @param inputTokensEstimate about four bytes a token, rounded up: charged when the upstream reports
 *                         no usage, and a charge must not under-count
 * @param base64           the client wants each vector as base64 of little-endian float32s
 */
record EmbeddingsRequest(ObjectNode body, String model, long inputTokensUpper, long inputTokensEstimate,
                         boolean base64) {

    static EmbeddingsRequest of(ObjectNode body) {
        JsonNode model = body.get("model");
        if (model == null || !model.isString() || model.asString().isBlank()) {
            throw ApiException.badRequest("'model' is required (a catalogued embedding model such as 'openai/text-embedding-3-small')");
        }
        long upper = inputTokensUpper(body.get("input"));
        String format = body.path("encoding_format").asString("float");
        if (!format.equals("float") && !format.equals("base64")) {
            throw ApiException.badRequest("'encoding_format' must be 'float' or 'base64'");
        }
        JsonNode dimensions = body.get("dimensions");
        if (dimensions != null && !dimensions.isNull() && (!dimensions.isIntegralNumber() || dimensions.asLong() < 1)) {
            throw ApiException.badRequest("'dimensions' must be a positive integer");
        }
        return new EmbeddingsRequest(body, model.asString().trim(), upper, Math.max(1, Math.ceilDiv(upper, 4)),
                format.equals("base64"));
    }

    /** The request as the generic pipeline records it: no completion, never streamed. */
    ChatRequest asPipelineRequest() {
        return new ChatRequest(body, model, false, 0, inputTokensUpper, inputTokensEstimate);
    }

    private static long inputTokensUpper(JsonNode input) {
        String required = "'input' is required: a string, an array of strings, or token ids";
        if (input == null || input.isNull()) {
            throw ApiException.badRequest(required);
        }
        if (input.isString()) {
            return nonEmpty(input.asString());
        }
        if (!input.isArray() || input.isEmpty()) {
            throw ApiException.badRequest(required);
        }
        long upper = 0;
        for (JsonNode item : input) {
            if (item.isString()) {
                upper += nonEmpty(item.asString());
            } else if (item.isIntegralNumber()) {
                upper += 1;
            } else if (item.isArray() && !item.isEmpty() && allIntegers(item)) {
                upper += item.size();
            } else {
                throw ApiException.badRequest("'input' items must all be strings, token ids, or non-empty arrays of token ids");
            }
        }
        return upper;
    }

    private static long nonEmpty(String text) {
        if (text.isEmpty()) {
            throw ApiException.badRequest("'input' must not contain empty strings");
        }
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static boolean allIntegers(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isIntegralNumber()) {
                return false;
            }
        }
        return true;
    }
}
