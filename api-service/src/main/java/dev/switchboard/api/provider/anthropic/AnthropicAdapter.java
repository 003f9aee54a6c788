package dev.switchboard.api.provider.anthropic;

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
import dev.switchboard.api.provider.ReasoningRequest;
import dev.switchboard.api.provider.StreamEvent;
import dev.switchboard.api.provider.UpstreamCall;
import dev.switchboard.api.provider.UpstreamTransport;

/**
 * {@code POST {baseUrl}/messages} with {@code x-api-key} and {@code anthropic-version}: Anthropic's
 * Messages API. The catalog's base URL for Anthropic ends in {@code /v1}.
 */
@Component
class AnthropicAdapter implements ProviderAdapter {

    /** The API version this translation is written against; Anthropic keeps old versions stable. */
    static final String API_VERSION = "2023-06-01";

    private final UpstreamTransport transport;
    private final ObjectMapper json;

    AnthropicAdapter(UpstreamTransport transport, ObjectMapper json) {
        this.transport = transport;
        this.json = json;
    }

    @Override
    public boolean speaks(String apiStyle) {
        return "anthropic".equals(apiStyle);
    }

    @Override
    public Mono<Completion> complete(UpstreamCall call) {
        String provider = call.endpoint().provider().slug();
        ObjectNode canonical = ParameterSupport.supportedOnly(call.endpoint(), call.body());
        boolean exclude = ReasoningRequest.of(canonical).exclude();
        byte[] body = json.writeValueAsBytes(AnthropicRequestTranslator.toUpstream(canonical, call.endpoint(), false));
        return transport.postJson(provider, url(call), headers(call), body)
                .map(text -> AnthropicResponseTranslator.toCompletion(message(provider, text),
                        Instant.now().getEpochSecond(), exclude));
    }

    @Override
    public Flux<StreamEvent> stream(UpstreamCall call) {
        String provider = call.endpoint().provider().slug();
        ObjectNode canonical = ParameterSupport.supportedOnly(call.endpoint(), call.body());
        boolean exclude = ReasoningRequest.of(canonical).exclude();
        byte[] body = json.writeValueAsBytes(AnthropicRequestTranslator.toUpstream(canonical, call.endpoint(), true));
        return Flux.defer(() -> {
            AnthropicStreamDecoder decoder = new AnthropicStreamDecoder(json, provider, Instant.now().getEpochSecond(), exclude);
            return transport.postForEvents(provider, url(call), headers(call), body)
                    .concatMapIterable(decoder::decode)
                    .onErrorResume(ProviderException.class,
                            error -> Flux.fromIterable(decoder.usageSoFar()).concatWith(Flux.error(error)));
        });
    }

    private AnthropicMessage message(String provider, String text) {
        try {
            AnthropicMessage message = json.readValue(text, AnthropicMessage.class);
            if (message.content() == null || message.id() == null) {
                throw new ProviderException(new ProviderError.Unavailable(provider, 200, "Upstream answer has no message"));
            }
            return message;
        } catch (JacksonException e) {
            throw new ProviderException(new ProviderError.Unavailable(provider, 200, "Upstream sent malformed JSON"));
        }
    }

    private static String url(UpstreamCall call) {
        String base = call.baseUrl();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/messages";
    }

    private static HttpHeaders headers(UpstreamCall call) {
        HttpHeaders headers = new HttpHeaders();
        if (call.apiKey() != null && !call.apiKey().isBlank()) {
            headers.set("x-api-key", call.apiKey());
        }
        headers.set("anthropic-version", API_VERSION);
        return headers;
    }
}
