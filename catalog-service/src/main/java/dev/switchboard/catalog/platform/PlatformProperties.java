package dev.switchboard.catalog.platform;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The platform settings the catalog reads.
 *
 * @param demo           while true the simulated provider {@code sim} and its models are part of the
 *                       catalog ({@code SWITCHBOARD_DEMO=false} turns it off)
 * @param providers      per provider slug: the platform API key and an optional base URL override
 * @param snapshotRefresh how often the snapshot is rebuilt from the database even without a change
 *                       signal, to pick up edits made outside this service
 */
@ConfigurationProperties("switchboard")
public record PlatformProperties(@DefaultValue("true") boolean demo,
                                 @DefaultValue Map<String, ProviderSettings> providers,
                                 @DefaultValue("60s") Duration snapshotRefresh) {

    /** The settings for {@code slug}, empty when the operator configured nothing for it. */
    public ProviderSettings provider(String slug) {
        return providers.getOrDefault(slug, ProviderSettings.NONE);
    }

    /**
     * One provider's platform settings ({@code switchboard.providers.<slug>.api-key} and
     * {@code .base-url}). The key itself never leaves this service.
     */
    public record ProviderSettings(String baseUrl, String apiKey) {

        static final ProviderSettings NONE = new ProviderSettings(null, null);

        public boolean keyConfigured() {
            return apiKey != null && !apiKey.isBlank();
        }

        public boolean baseUrlConfigured() {
            return baseUrl != null && !baseUrl.isBlank();
        }

        @Override
        public String toString() {
            return "ProviderSettings[baseUrl=" + baseUrl + ", apiKey=" + (keyConfigured() ? "***" : "none") + "]";
        }
    }
}
