package dev.switchboard.api.catalog;

/**
 * A provider as the catalog describes it, with its data policy (what {@code data_collection} and
 * {@code zdr} route by).
 *
 * @param apiStyle      {@code openai}, {@code anthropic}, {@code gemini}, {@code azure},
 *                      {@code openai-compatible} or {@code simulated}
 * @param trainsOnData  the provider may train on prompts and completions
 * @param retainsPrompts the provider stores prompts beyond the request
 * @param retentionDays how long it keeps them, when it says; null when unknown or not at all
 */
public record Provider(String slug, String name, String apiStyle, String baseUrl, boolean simulated,
                       boolean trainsOnData, boolean retainsPrompts, Integer retentionDays) {

    /** A provider that neither trains on nor retains data. */
    public Provider(String slug, String name, String apiStyle, String baseUrl, boolean simulated) {
        this(slug, name, apiStyle, baseUrl, simulated, false, false, null);
    }

    /** Zero data retention: nothing of the request is kept after it is served. */
    public boolean zeroDataRetention() {
        return !retainsPrompts && (retentionDays == null || retentionDays == 0);
    }
}
