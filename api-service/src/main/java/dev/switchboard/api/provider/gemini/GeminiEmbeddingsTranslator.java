package dev.switchboard.api.provider.gemini;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.switchboard.api.provider.Completion;
import dev.switchboard.api.provider.ProviderError;
import dev.switchboard.api.provider.ProviderException;
import dev.switchboard.api.provider.TokenUsage;

/**
 * Pure translation between OpenAI's embeddings API and Gemini's {@code batchEmbedContents}: each
 * input string becomes one {@code EmbedContentRequest} of one text part, and each returned vector
 * an OpenAI {@code embedding} at the same index.
 *
 * <p>Gemini counts the batch's tokens only in newer API versions ({@code usageMetadata}); when it
 * does not, the usage is {@link TokenUsage#NONE} and the gateway charges its own estimate of the
 * input, which stays below what it held (see {@code EmbeddingsHandler}), rather than spending a
 * second upstream call ({@code countTokens}) on every request.
 */
final class GeminiEmbeddingsTranslator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private GeminiEmbeddingsTranslator() {
    }

    /** The {@code BatchEmbedContentsRequest} for {@code canonical}, an OpenAI embeddings request. */
    static ObjectNode toUpstream(ObjectNode canonical, String upstreamModelId, String provider) {
        String model = upstreamModelId.startsWith("models/") ? upstreamModelId : "models/" + upstreamModelId;
        JsonNode dimensions = canonical.get("dimensions");
        ArrayNode requests = NODES.arrayNode();
        for (String text : texts(canonical.get("input"), provider)) {
            ObjectNode request = requests.addObject();
            request.put("model", model);
            request.putObject("content").putArray("parts").addObject().put("text", text);
            if (dimensions != null && dimensions.isIntegralNumber()) {
                // The per-request field every API version accepts; the 2026 description prefers
                // embedContentConfig.outputDimensionality, which earlier versions do not know.
                request.put("outputDimensionality", dimensions.asInt());
            }
        }
        ObjectNode body = NODES.objectNode();
        body.set("requests", requests);
        return body;
    }

    /** OpenAI's embeddings list, with the batch's usage when Gemini reported it. */
    static Completion toOpenAi(GeminiEmbeddings response, int inputs, String upstreamModelId, String provider) {
        if (response.embeddings().size() != inputs) {
            throw new ProviderException(new ProviderError.Unavailable(provider, 200, "Upstream answered "
                    + response.embeddings().size() + " embeddings for " + inputs + " inputs"));
        }
        ObjectNode body = NODES.objectNode();
        body.put("object", "list");
        ArrayNode data = body.putArray("data");
        List<GeminiEmbedding> embeddings = response.embeddings();
        for (int index = 0; index < embeddings.size(); index++) {
            ObjectNode item = data.addObject();
            item.put("object", "embedding");
            item.put("index", index);
            ArrayNode vector = item.putArray("embedding");
            embeddings.get(index).values().forEach(vector::add);
        }
        body.put("model", upstreamModelId);
        TokenUsage usage = response.usageMetadata() == null ? TokenUsage.NONE : response.usageMetadata().toTokenUsage();
        return new Completion(body, usage, "stop");
    }

    /** How many texts {@link #toUpstream} sends, so the answer can be checked against it. */
    static int inputCount(ObjectNode canonical) {
        JsonNode input = canonical.get("input");
        return input != null && input.isArray() ? input.size() : 1;
    }

    private static List<String> texts(JsonNode input, String provider) {
        if (input != null && input.isString()) {
            return List.of(input.asString());
        }
        if (input != null && input.isArray() && !input.isEmpty()) {
            List<String> texts = new ArrayList<>(input.size());
            for (JsonNode item : input) {
                if (!item.isString()) {
                    throw tokenIds(provider);
                }
                texts.add(item.asString());
            }
            return texts;
        }
        throw tokenIds(provider);
    }

    private static ProviderException tokenIds(String provider) {
        return new ProviderException(new ProviderError.InvalidRequest(provider, 400,
                "Gemini embeds text only: send 'input' as a string or an array of strings, not token ids"));
    }
}
