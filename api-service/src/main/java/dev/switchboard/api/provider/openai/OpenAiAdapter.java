package dev.switchboard.api.provider.openai;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import dev.switchboard.api.provider.Completion;
import dev.switchboard.api.provider.ProviderAdapter;
import dev.switchboard.api.provider.ProviderError;
import dev.switchboard.api.provider.ProviderException;
import dev.switchboard.api.provider.StreamEvent;
import dev.switchboard.api.provider.UpstreamCall;
import dev.switchboard.api.provider.UpstreamTransport;

/**
 * {@code POST {baseUrl}/chat/completions} with a bearer key: OpenAI and the OpenAI-compatible long
 * tail, each shaped by its {@link CompatibleProfile} (found by the catalog's provider slug).
 */
@Component
class OpenAiAdapter implements ProviderAdapter {

    private final OpenAiChatProtocol protocol;
    private final CompatibleProfiles profiles;
    private final UpstreamTransport transport;
    private final ObjectMapper json;

    OpenAiAdapter(OpenAiChatProtocol protocol, CompatibleProfiles profiles, UpstreamTransport transport,
                  ObjectMapper json) {
        this.protocol = protocol;
        this.profiles = profiles;
        this.transport = transport;
        this.json = json;
    }

    @Override
    public boolean speaks(String apiStyle) {
        return "openai".equals(apiStyle) || "openai-compatible".equals(apiStyle);
    }

    @Override
    public Mono<Completion> complete(UpstreamCall call) {
        CompatibleProfile profile = profiles.profile(call.endpoint().provider().slug());
        return protocol.complete(call, url(call, "/chat/completions"), headers(call), profile);
    }

    @Override
    public Flux<StreamEvent> stream(UpstreamCall call) {
        CompatibleProfile profile = profiles.profile(call.endpoint().provider().slug());
        return protocol.stream(call, url(call, "/chat/completions"), headers(call), profile);
    }

    @Override
    public boolean embeds() {
        return true;
    }

    /** {@code POST {baseUrl}/embeddings}: OpenAI's, Mistral's and every OpenAI-compatible server's. */
    @Override
    public Mono<Completion> embed(UpstreamCall call) {
        String provider = call.endpoint().provider().slug();
        byte[] body = json.writeValueAsBytes(OpenAiTranslator.toUpstreamEmbeddings(call.body(), call.endpoint().upstreamModelId()));
        return transport.postJson(provider, url(call, "/embeddings"), headers(call), body)
                .map(text -> embeddings(provider, text));
    }

    private Completion embeddings(String provider, String text) {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JacksonException e) {
            throw new ProviderException(new ProviderError.Unavailable(provider, 200, "Upstream sent malformed JSON"));
        }
        if (!(node instanceof ObjectNode body) || !body.path("data").isArray()) {
            throw new ProviderException(new ProviderError.Unavailable(provider, 200, "Upstream answer has no data"));
        }
        JsonNode usage = body.remove("usage");
        return new Completion(body, OpenAiTranslator.usage(usage), "stop");
    }

    private static String url(UpstreamCall call, String path) {
        return OpenAiChatProtocol.join(call.baseUrl(), path);
    }

    private static HttpHeaders headers(UpstreamCall call) {
        HttpHeaders headers = new HttpHeaders();
        if (call.apiKey() != null && !call.apiKey().isBlank()) {
            headers.setBearerAuth(call.apiKey());
        }
        return headers;
    }
}
