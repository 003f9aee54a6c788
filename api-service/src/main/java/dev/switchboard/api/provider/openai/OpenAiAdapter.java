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

/** {@code POST {baseUrl}/chat/completions} with a bearer key: OpenAI and the OpenAI-compatible long tail. */
@Component
class OpenAiAdapter implements ProviderAdapter {

    private final UpstreamTransport transport;
    private final ObjectMapper json;

    OpenAiAdapter(UpstreamTransport transport, ObjectMapper json) {
        this.transport = transport;
        this.json = json;
    }

    @Override
    public boolean speaks(String apiStyle) {
        return "openai".equals(apiStyle) || "openai-compatible".equals(apiStyle);
    }

    @Override
    public Mono<Completion> complete(UpstreamCall call) {
        String provider = call.endpoint().provider().slug();
        byte[] body = json.writeValueAsBytes(OpenAiTranslator.toUpstream(call.body(), call.endpoint().upstreamModelId(), false));
        return transport.postJson(provider, url(call), headers(call), body)
                .map(text -> completion(provider, text));
    }

    @Override
    public Flux<StreamEvent> stream(UpstreamCall call) {
        String provider = call.endpoint().provider().slug();
        byte[] body = json.writeValueAsBytes(OpenAiTranslator.toUpstream(call.body(), call.endpoint().upstreamModelId(), true));
        return Flux.defer(() -> {
            OpenAiStreamDecoder decoder = new OpenAiStreamDecoder(json, provider);
            return transport.postForEvents(provider, url(call), headers(call), body)
                    .concatMapIterable(decoder::decode);
        });
    }

    private Completion completion(String provider, String text) {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JacksonException e) {
            throw new ProviderException(new ProviderError.Unavailable(provider, 200, "Upstream sent malformed JSON"));
        }
        if (!(node instanceof ObjectNode body) || !body.has("choices")) {
            throw new ProviderException(new ProviderError.Unavailable(provider, 200, "Upstream answer has no choices"));
        }
        JsonNode usage = body.remove("usage");
        return new Completion(body, OpenAiTranslator.usage(usage), OpenAiTranslator.finishReason(body));
    }

    private static String url(UpstreamCall call) {
        String base = call.baseUrl();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/chat/completions";
    }

    private static HttpHeaders headers(UpstreamCall call) {
        HttpHeaders headers = new HttpHeaders();
        if (call.apiKey() != null && !call.apiKey().isBlank()) {
            headers.setBearerAuth(call.apiKey());
        }
        return headers;
    }
}
