package dev.switchboard.api.provider;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.switchboard.api.catalog.Endpoint;
import dev.switchboard.api.provider.openai.CompatibleProfiles;

/**
 * Decides whether the platform can call an endpoint, and how: which adapter speaks its API, which
 * base URL and which platform credential to use. A provider serves platform traffic when it is
 * configured ({@code switchboard.providers.<slug>}: an api key, or a base URL for self-hosted
 * servers that need none) or is the built-in simulator. The base URL is the configured one, else
 * the catalog's, else the OpenAI-compatible profile's default.
 */
@Component
public class ProviderDirectory {

    private final List<ProviderAdapter> adapters;
    private final ProviderProperties properties;
    private final CompatibleProfiles profiles;

    public ProviderDirectory(List<ProviderAdapter> adapters, ProviderProperties properties, CompatibleProfiles profiles) {
        this.adapters = List.copyOf(adapters);
        this.properties = properties;
        this.profiles = profiles;
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
        boolean keyless = profiles.profile(endpoint.provider().slug()).keyless();
        if (!hasKey && settings.baseUrl() == null && !keyless) {
            return Optional.empty();
        }
        String baseUrl = baseUrl(settings, endpoint);
        if (baseUrl == null || baseUrl.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Connection(adapter.get(), baseUrl, hasKey ? settings.apiKey() : null));
    }

    /**
     * How to call {@code endpoint} with a credential the caller brings (an organisation's own key),
     * at {@code baseUrl} or, when null, the catalog's address for the provider (else the compatible
     * profile's default); empty when no adapter speaks its API or there is nowhere to send it.
     */
    public Optional<Connection> connectWith(Endpoint endpoint, String baseUrl, String apiKey) {
        if (endpoint.provider().simulated()) {
            return Optional.empty();
        }
        String catalogued = endpoint.provider().baseUrl();
        String address = baseUrl != null ? baseUrl
                : catalogued != null && !catalogued.isBlank() ? catalogued
                : profiles.defaultBaseUrl(endpoint.provider().slug()).orElse(null);
        if (address == null || address.isBlank()) {
            return Optional.empty();
        }
        return adapters.stream()
                .filter(a -> a.speaks(endpoint.provider().apiStyle()))
                .findFirst()
                .map(adapter -> new Connection(adapter, address, apiKey));
    }

    /** The configured base URL, else the catalog's, else the compatible profile's default; null when none. */
    private String baseUrl(ProviderProperties.Settings settings, Endpoint endpoint) {
        if (settings.baseUrl() != null) {
            return settings.baseUrl().toString();
        }
        String catalogued = endpoint.provider().baseUrl();
        if (catalogued != null && !catalogued.isBlank()) {
            return catalogued;
        }
        return profiles.defaultBaseUrl(endpoint.provider().slug()).orElse(null);
    }

    /** An adapter with the address and credential to use it with; the key is never logged. */
    public record Connection(ProviderAdapter adapter, String baseUrl, String apiKey) {

        @Override
        public String toString() {
            return "Connection[" + baseUrl + "]";
        }
    }
}
