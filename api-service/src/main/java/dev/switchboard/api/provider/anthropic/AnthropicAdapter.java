package dev.switchboard.api.provider.anthropic;

import java.time.Instant;
import java.util.Set;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
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
 * Messages API, and its {@code /messages/count_tokens}. The catalog's base URL for Anthropic ends in
 * {@code /v1}.
 */
@Component
class AnthropicAdapter implements ProviderAdapter {

    /** The API version this translation is written against; Anthropic keeps old versions stable. */
    static final String API_VERSION = "2023-06-01";
    /** What {@code /messages/count_tokens} accepts; it answers 400 to any other field. */
    private static final Set<String> COUNTED_FIELDS = Set.of("model", "messages", "system", "tools", "tool_choice",
            "thinking", "output_config", "cache_control");

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
        return transport.postJson(provider, url(call, "/messages"), headers(call), body)
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
            return transport.postForEvents(provider, url(call, "/messages"), headers(call), body)
                    .concatMapIterable(decoder::decode)
                    .onErrorResume(ProviderException.class,
                            error -> Flux.fromIterable(decoder.usageSoFar()).concatWith(Flux.error(error)));
        });
    }

    /**
     * {@code POST {baseUrl}/messages/count_tokens} with the very body a Messages call would send,
     * cut to the fields that operation accepts (it refuses any other).
     */
    @Override
    public Mono<Long> countTokens(UpstreamCall call) {
        String provider = call.endpoint().provider().slug();
        ObjectNode upstream = AnthropicRequestTranslator.toUpstream(
                ParameterSupport.supportedOnly(call.endpoint(), call.body()), call.endpoint(), false);
        upstream.retain(COUNTED_FIELDS);
        return transport.postJson(provider, url(call, "/messages/count_tokens"), headers(call), json.writeValueAsBytes(upstream))
                .map(text -> inputTokens(provider, text));
    }

    private long inputTokens(String provider, String text) {
        try {
            JsonNode count = json.readTree(text).get("input_tokens");
            if (count == null || !count.isIntegralNumber() || count.asLong() < 0) {
                throw new ProviderException(new ProviderError.Unavailable(provider, 200, "Upstream answer has no input_tokens"));
            }
            return count.asLong();
        } catch (JacksonException e) {
            throw new ProviderException(new ProviderError.Unavailable(provider, 200, "Upstream sent malformed JSON"));
        }
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

    private static String url(UpstreamCall call, String operation) {
        String base = call.baseUrl();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + operation;
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
