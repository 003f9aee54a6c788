package dev.switchboard.api.provider;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Platform provider credentials and upstream timeouts: {@code switchboard.providers.<slug>.base-url} and
 * {@code .api-key} (environment: {@code SWITCHBOARD_PROVIDERS_OPENAI_BASEURL} / {@code _APIKEY}).
 * A provider with a configured key serves platform-key traffic. Azure also reads
 * {@code .api-version} and {@code .deployments.[<upstream model id>]=<deployment name>}.
 *
 * @param providers by slug (lowercase letters and digits only)
 */
@ConfigurationProperties("switchboard")
public record ProviderProperties(Map<String, Settings> providers, @DefaultValue Timeouts upstream) {

    public ProviderProperties {
        providers = providers == null ? Map.of() : Map.copyOf(providers);
        for (String slug : providers.keySet()) {
            if (!slug.matches("[a-z0-9]+")) {
                throw new IllegalArgumentException(
                        "Provider slug '" + slug + "' must be lowercase letters and digits only");
            }
        }
    }

    /**
     * @param baseUrl     overrides the catalog's default base URL for this provider
     * @param apiVersion  the {@code api-version} query parameter (Azure OpenAI); null for the adapter's default
     * @param deployments upstream model id → deployment name (Azure OpenAI); a model without an entry
     *                    is assumed deployed under its own id
     */
    public record Settings(URI baseUrl, String apiKey, String apiVersion, Map<String, String> deployments) {

        public Settings {
            deployments = deployments == null ? Map.of() : Map.copyOf(deployments);
        }

        @Override
        public String toString() {
            return "Settings[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "none" : "***")
                    + ", apiVersion=" + apiVersion + ", deployments=" + deployments + "]";
        }
    }

    /**
     * @param connect   TCP connect to the upstream
     * @param firstByte from sending the request to the upstream's first response byte
     * @param idle      longest silence between two streamed chunks
     * @param total     whole upstream call
     */
    public record Timeouts(@DefaultValue("5s") Duration connect, @DefaultValue("60s") Duration firstByte,
                           @DefaultValue("60s") Duration idle, @DefaultValue("10m") Duration total) {
    }
}
