package dev.switchboard.api.provider.openai;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.switchboard.api.provider.ProviderError;
import dev.switchboard.api.provider.ProviderException;
import dev.switchboard.api.provider.StreamEvent;
import dev.switchboard.api.provider.UpstreamTransport;

/**
 * Decodes one OpenAI-format stream: each {@code data:} payload becomes zero or more events. One
 * instance per request (it remembers the upstream id). A chunk that carries both choices and usage
 * (some compatible servers do this) yields both events; an {@code error} object mid-stream fails
 * the stream with a {@link ProviderException}.
 */
final class OpenAiStreamDecoder {

    private final ObjectMapper json;
    private final String provider;
    private final CompatibleProfile profile;
    private String upstreamId;

    OpenAiStreamDecoder(ObjectMapper json, String provider, CompatibleProfile profile) {
        this.json = json;
        this.provider = provider;
        this.profile = profile;
    }

    List<StreamEvent> decode(String data) {
        if ("[DONE]".equals(data.trim())) {
            return List.of();
        }
        JsonNode node;
        try {
            node = json.readTree(data);
        } catch (JacksonException e) {
            throw new ProviderException(new ProviderError.Unavailable(provider, 200, "Upstream sent malformed stream data"));
        }
        if (!(node instanceof ObjectNode chunk)) {
            return List.of();
        }
        if (chunk.has("error")) {
            JsonNode error = chunk.get("error");
            String message = error.isObject() ? error.path("message").asString("upstream error") : error.asString();
            throw new ProviderException(new ProviderError.Unavailable(provider, 200, UpstreamTransport.scrub(message)));
        }
        if (upstreamId == null && chunk.hasNonNull("id")) {
            upstreamId = chunk.get("id").asString();
        }
        List<StreamEvent> events = new ArrayList<>(2);
        JsonNode usage = chunk.remove("usage");
        JsonNode choices = chunk.get("choices");
        if (choices != null && choices.isArray() && !choices.isEmpty()) {
            choices.forEach(choice -> OpenAiTranslator.normaliseReasoning(choice.get("delta"), profile));
            events.add(new StreamEvent.Chunk(chunk, OpenAiTranslator.generatedPieces(chunk),
                    OpenAiTranslator.finishReason(chunk)));
        }
        if (usage != null && usage.isObject()) {
            events.add(new StreamEvent.Usage(OpenAiTranslator.usage(usage), upstreamId));
        }
        return events;
    }
}
