package dev.switchboard.api.provider.gemini;

import java.time.Instant;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import dev.switchboard.api.provider.Completion;
import dev.switchboard.api.provider.ParameterSupport;
import dev.switchboard.api.provider.ProviderAdapter;
import dev.switchboard.api.provider.ProviderError;
import dev.switchboard.api.provider.ProviderException;
import dev.switchboard.api.provider.StreamEvent;
import dev.switchboard.api.provider.UpstreamCall;
import dev.switchboard.api.provider.UpstreamTransport;

/**
 * Google's Gemini API: {@code POST {baseUrl}/models/{model}:generateContent}, and
 * {@code :streamGenerateContent?alt=sse} for streams, and {@code :batchEmbedContents} for
 * embeddings, authenticated with {@code x-goog-api-key} (a header, so the key never appears in a
 * URL or an access log).
 */
@Component
class GeminiAdapter implements ProviderAdapter {

    private final UpstreamTransport transport;
    private final ObjectMapper json;

    GeminiAdapter(UpstreamTransport transport, ObjectMapper json) {
        this.transport = transport;
        this.json = json;
    }

    @Override
    public boolean speaks(String apiStyle) {
        return "gemini".equals(apiStyle);
    }

    @Override
    public Mono<Completion> complete(UpstreamCall call) {
        String provider = call.endpoint().provider().slug();
        return transport.postJson(provider, url(call, ":generateContent"), headers(call), body(call))
                .map(text -> GeminiResponseTranslator.toCompletion(read(provider, text, GeminiResponse.class),
                        Instant.now().getEpochSecond()));
    }

    @Override
    public Flux<StreamEvent> stream(UpstreamCall call) {
        String provider = call.endpoint().provider().slug();
        byte[] body = body(call);
        return Flux.defer(() -> {
            GeminiStreamDecoder decoder = new GeminiStreamDecoder(json, provider, Instant.now().getEpochSecond());
            return transport.postForEvents(provider, url(call, ":streamGenerateContent?alt=sse"), headers(call), body)
                    .concatMapIterable(decoder::decode)
                    .concatWith(Flux.defer(() -> Flux.fromIterable(decoder.end())))
                    .onErrorResume(ProviderException.class,
                            error -> Flux.fromIterable(decoder.usageSoFar()).concatWith(Flux.error(error)));
        });
    }

    @Override
    public boolean embeds() {
        return true;
    }

    /** All inputs in one {@code batchEmbedContents} call; the usage is Gemini's count when it sends one. */
    @Override
    public Mono<Completion> embed(UpstreamCall call) {
        String provider = call.endpoint().provider().slug();
        String model = call.endpoint().upstreamModelId();
        return Mono.fromCallable(() -> json.writeValueAsBytes(GeminiEmbeddingsTranslator.toUpstream(call.body(), model, provider)))
                .flatMap(body -> transport.postJson(provider, url(call, ":batchEmbedContents"), headers(call), body))
                .map(text -> GeminiEmbeddingsTranslator.toOpenAi(read(provider, text, GeminiEmbeddings.class),
                        GeminiEmbeddingsTranslator.inputCount(call.body()), model, provider));
    }

    private byte[] body(UpstreamCall call) {
        ObjectNode canonical = ParameterSupport.supportedOnly(call.endpoint(), call.body());
        return json.writeValueAsBytes(GeminiRequestTranslator.toUpstream(canonical, call.endpoint()));
    }

    private <T> T read(String provider, String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JacksonException e) {
            throw new ProviderException(new ProviderError.Unavailable(provider, 200, "Upstream sent malformed JSON"));
        }
    }

    private static String url(UpstreamCall call, String method) {
        String base = call.baseUrl();
        String model = call.endpoint().upstreamModelId();
        if (model.startsWith("models/")) {
            model = model.substring("models/".length());
        }
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/models/" + model + method;
    }

    private static HttpHeaders headers(UpstreamCall call) {
        HttpHeaders headers = new HttpHeaders();
        if (call.apiKey() != null && !call.apiKey().isBlank()) {
            headers.set("x-goog-api-key", call.apiKey());
        }
        return headers;
    }
}
