package dev.switchboard.api.catalog;

/**
 * A provider as the catalog describes it.
 *
 * @param apiStyle {@code openai}, {@code anthropic}, {@code gemini}, {@code azure},
 *                 {@code openai-compatible} or {@code simulated}
 */
public record Provider(String slug, String name, String apiStyle, String baseUrl, boolean simulated) {
}
