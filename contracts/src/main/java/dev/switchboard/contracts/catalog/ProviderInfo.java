package dev.switchboard.contracts.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A provider. {@code apiStyle} is one of {@code openai}, {@code anthropic}, {@code gemini},
 * {@code azure}, {@code openai-compatible} or {@code simulated}; {@code baseUrl} is the default
 * upstream base URL (for OpenAI style, the URL that {@code /chat/completions} is appended to).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProviderInfo(String slug, String name, String apiStyle, String baseUrl, boolean simulated,
                           boolean platformKeyConfigured, boolean trainsOnData, boolean retainsPrompts,
                           Integer retentionDays, String status) {
}
