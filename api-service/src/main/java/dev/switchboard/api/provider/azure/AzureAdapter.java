package dev.switchboard.api.provider.azure;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import dev.switchboard.api.provider.Completion;
import dev.switchboard.api.provider.ProviderAdapter;
import dev.switchboard.api.provider.ProviderProperties;
import dev.switchboard.api.provider.StreamEvent;
import dev.switchboard.api.provider.UpstreamCall;
import dev.switchboard.api.provider.openai.CompatibleProfile;
import dev.switchboard.api.provider.openai.OpenAiChatProtocol;

/**
 * Azure OpenAI: OpenAI's chat-completions format at
 * {@code {base}/openai/deployments/{deployment}/chat/completions?api-version=…} with an
 * {@code api-key} header. Only the URL and the header differ from OpenAI, so the body and the
 * stream go through {@link OpenAiChatProtocol} unchanged.
 *
 * <p>Configuration ({@code switchboard.providers.<slug>.…}): {@code base-url} (the resource,
 * {@code https://<resource>.openai.azure.com}, with or without {@code /openai}), {@code api-key},
 * {@code api-version} (default {@value #DEFAULT_API_VERSION}) and
 * {@code deployments.[<upstream model id>]=<deployment>} (default: the upstream model id).
 */
@Component
class AzureAdapter implements ProviderAdapter {

    /** A GA version that accepts {@code stream_options.include_usage}, so streams report usage. */
    static final String DEFAULT_API_VERSION = "2024-10-21";

    /** Azure reads both max-token names and accepts stream usage: OpenAI's profile, unchanged. */
    private static final CompatibleProfile PROFILE = new CompatibleProfile("azure", null, "api-key", true, null,
            Set.of(), "reasoning", true, false);

    private final OpenAiChatProtocol protocol;
    private final ProviderProperties properties;

    AzureAdapter(OpenAiChatProtocol protocol, ProviderProperties properties) {
        this.protocol = protocol;
        this.properties = properties;
    }

    @Override
    public boolean speaks(String apiStyle) {
        return "azure".equals(apiStyle);
    }

    @Override
    public Mono<Completion> complete(UpstreamCall call) {
        return protocol.complete(call, url(call), headers(call), PROFILE);
    }

    @Override
    public Flux<StreamEvent> stream(UpstreamCall call) {
        return protocol.stream(call, url(call), headers(call), PROFILE);
    }

    String url(UpstreamCall call) {
        ProviderProperties.Settings settings = properties.providers().get(call.endpoint().provider().slug());
        String model = call.endpoint().upstreamModelId();
        String deployment = settings == null ? model : settings.deployments().getOrDefault(model, model);
        String apiVersion = settings == null || settings.apiVersion() == null ? DEFAULT_API_VERSION : settings.apiVersion();
        String base = call.baseUrl().endsWith("/") ? call.baseUrl().substring(0, call.baseUrl().length() - 1) : call.baseUrl();
        if (base.endsWith("/openai")) {
            base = base.substring(0, base.length() - "/openai".length());
        }
        return base + "/openai/deployments/" + URLEncoder.encode(deployment, StandardCharsets.UTF_8)
                + "/chat/completions?api-version=" + URLEncoder.encode(apiVersion, StandardCharsets.UTF_8);
    }

    private static HttpHeaders headers(UpstreamCall call) {
        HttpHeaders headers = new HttpHeaders();
        if (call.apiKey() != null && !call.apiKey().isBlank()) {
            headers.set("api-key", call.apiKey());
        }
        return headers;
    }
}
