package dev.switchboard.api.provider;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.switchboard.api.catalog.Endpoint;

/**
 * Decides whether the platform can call an endpoint, and how: which adapter speaks its API, which
 * base URL and which platform credential to use. A provider serves platform traffic when it is
 * configured ({@code switchboard.providers.<slug>}: an api key, or a base URL for self-hosted
 * servers that need none) or is the built-in simulator.
 */
@Component
public class ProviderDirectory {

    private final List<ProviderAdapter> adapters;
    private final ProviderProperties properties;

    public ProviderDirectory(List<ProviderAdapter> adapters, ProviderProperties properties) {
        this.adapters = List.copyOf(adapters);
        this.properties = properties;
    }

    /** How to call {@code endpoint} with platform credentials, or empty when the platform cannot. */
    public Optional<Connection> connect(Endpoint endpoint) {
        String style = endpoint.provider().apiStyle();
        Optional<ProviderAdapter> adapter = adapters.stream().filter(a -> a.speaks(style)).findFirst();
        if (adapter.isEmpty()) {
            return Optional.empty();
        }
        if (endpoint.provider().simulated()) {
            return Optional.of(new Connection(adapter.get(), "", null));
        }
        ProviderProperties.Settings settings = properties.providers().get(endpoint.provider().slug());
        if (settings == null) {
            return Optional.empty();
        }
        boolean hasKey = settings.apiKey() != null && !settings.apiKey().isBlank();
        if (!hasKey && settings.baseUrl() == null) {
            return Optional.empty();
        }
        String baseUrl = settings.baseUrl() != null ? settings.baseUrl().toString() : endpoint.provider().baseUrl();
        if (baseUrl == null || baseUrl.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Connection(adapter.get(), baseUrl, hasKey ? settings.apiKey() : null));
    }

    /** An adapter with the address and credential to use it with; the key is never logged. */
    public record Connection(ProviderAdapter adapter, String baseUrl, String apiKey) {

        @Override
        public String toString() {
            return "Connection[" + baseUrl + "]";
        }
    }
}
