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
import dev.switchboard.api.provider.ParameterSupport;
import dev.switchboard.api.provider.ProviderError;
import dev.switchboard.api.provider.ProviderException;
import dev.switchboard.api.provider.StreamEvent;
import dev.switchboard.api.provider.UpstreamCall;
import dev.switchboard.api.provider.UpstreamTransport;

/**
 * One chat-completions exchange in OpenAI's wire format, wherever it is sent: translation, the
 * call over the shared transport, and decoding. The adapters decide only the URL, the headers and
 * the profile — OpenAI and the compatible long tail in {@link OpenAiAdapter}, Azure's deployment
 * URLs in the {@code azure} package — so the format is written once and composed, not copied.
 */
@Component
public class OpenAiChatProtocol {

    private final UpstreamTransport transport;
    private final ObjectMapper json;

    public OpenAiChatProtocol(UpstreamTransport transport, ObjectMapper json) {
        this.transport = transport;
        this.json = json;
    }

    public Mono<Completion> complete(UpstreamCall call, String url, HttpHeaders headers, CompatibleProfile profile) {
        String provider = call.endpoint().provider().slug();
        byte[] body = body(call, false, profile);
        return transport.postJson(provider, url, headers, body)
                .map(text -> completion(provider, text, profile));
    }

    public Flux<StreamEvent> stream(UpstreamCall call, String url, HttpHeaders headers, CompatibleProfile profile) {
        String provider = call.endpoint().provider().slug();
        byte[] body = body(call, true, profile);
        return Flux.defer(() -> {
            OpenAiStreamDecoder decoder = new OpenAiStreamDecoder(json, provider, profile);
            return transport.postForEvents(provider, url, headers, body)
                    .concatMapIterable(decoder::decode);
        });
    }

    private byte[] body(UpstreamCall call, boolean stream, CompatibleProfile profile) {
        ObjectNode canonical = ParameterSupport.supportedOnly(call.endpoint(), call.body());
        return json.writeValueAsBytes(OpenAiTranslator.toUpstream(canonical, call.endpoint().upstreamModelId(), stream, profile));
    }

    private Completion completion(String provider, String text, CompatibleProfile profile) {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JacksonException e) {
            throw new ProviderException(new ProviderError.Unavailable(provider, 200, "Upstream sent malformed JSON"));
        }
        if (!(node instanceof ObjectNode body) || !body.has("choices")) {
            throw new ProviderException(new ProviderError.Unavailable(provider, 200, "Upstream answer has no choices"));
        }
        body.path("choices").forEach(choice -> OpenAiTranslator.normaliseReasoning(choice.get("message"), profile));
        JsonNode usage = body.remove("usage");
        return new Completion(body, OpenAiTranslator.usage(usage), OpenAiTranslator.finishReason(body));
    }

    /** {@code base + path}, without a doubled slash. */
    public static String join(String base, String path) {
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
