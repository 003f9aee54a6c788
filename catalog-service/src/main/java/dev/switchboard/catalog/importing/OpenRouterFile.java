package dev.switchboard.catalog.importing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * Reads OpenRouter's {@code GET /api/v1/models} response ({@code {"data":[Model…]}}). OpenRouter's
 * listing says what a model is but not who serves it, so each model becomes one endpoint at the
 * {@code openrouter} provider, under the model's own id, at the listed price: importing OpenRouter's
 * catalog means routing those models through OpenRouter.
 *
 * <p>Two kinds of well-formed entries are skipped and counted, because they are OpenRouter features
 * rather than models: aliases ({@code ~openai/gpt-latest}) and routers priced {@code "-1"} (OpenRouter's
 * marker for "varies with the model chosen"). Any other negative or non-decimal price refuses the file.
 */
final class OpenRouterFile {

    static final String PROVIDER = "openrouter";
    private static final Pattern MODEL_ID = Pattern.compile("[^/\\s]+/[^/\\s]+");

    private OpenRouterFile() {
    }

    static CatalogImport read(JsonNode root) {
        JsonNode data = root == null || !root.isObject() ? null : root.get("data");
        if (data == null || !data.isArray()) {
            throw new EntryFields("(file)", root).rejected("data", "must be an array of models");
        }
        List<CatalogImport.ModelEntry> models = new ArrayList<>();
        List<CatalogImport.EndpointEntry> endpoints = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int index = 0;
        int skipped = 0;
        for (JsonNode node : data) {
            String name = node.isObject() && node.path("id").isString() ? node.get("id").stringValue()
                    : "data[" + index + "]";
            EntryFields entry = new EntryFields(name, node);
            if (!node.isObject()) {
                throw entry.rejected("id", "is required: the entry is not an object");
            }
            String id = entry.requiredText("id");
            if (!MODEL_ID.matcher(id).matches()) {
                throw entry.rejected("id", "must be 'author/slug'");
            }
            if (id.startsWith("~") || isRouter(entry)) {
                skipped++;
                index++;
                continue;
            }
            if (!seen.add(id)) {
                throw entry.rejected("id", "appears twice in the file");
            }
            models.add(model(entry, id));
            endpoints.add(endpoint(entry, id));
            index++;
        }
        return new CatalogImport(models, endpoints, skipped);
    }

    private static boolean isRouter(EntryFields entry) {
        return entry.holds("pricing.prompt", "-1") && entry.holds("pricing.completion", "-1");
    }

    /**
     * Absent architecture fields get the values OpenRouter's schema requires a listing to carry: the
     * modality spelled from the modalities, and the tokenizer family {@code Other}.
     */
    private static CatalogImport.ModelEntry model(EntryFields entry, String id) {
        String canonical = entry.optionalText("canonical_slug");
        String description = entry.optionalText("description");
        List<String> inputs = entry.texts("architecture.input_modalities", List.of("text"));
        List<String> outputs = entry.texts("architecture.output_modalities", List.of("text"));
        String modality = entry.optionalText("architecture.modality");
        String tokenizer = entry.optionalText("architecture.tokenizer");
        return new CatalogImport.ModelEntry(
                id,
                canonical == null || canonical.isBlank() ? id : canonical,
                entry.requiredText("name"),
                entry.requiredPositiveLong("created"),
                description == null ? "" : description,
                entry.requiredPositiveLong("context_length"),
                modality != null ? modality : String.join("+", inputs) + "->" + String.join("+", outputs),
                inputs,
                outputs,
                tokenizer != null ? tokenizer : CatalogImport.UNKNOWN_TOKENIZER,
                entry.optionalText("architecture.instruct_type"),
                entry.flag("top_provider.is_moderated"),
                entry.texts("supported_parameters", List.of()),
                true);
    }

    private static CatalogImport.EndpointEntry endpoint(EntryFields entry, String id) {
        Long topContext = entry.optionalPositiveLong("top_provider.context_length");
        return new CatalogImport.EndpointEntry(
                entry.entry(),
                id,
                PROVIDER,
                id,
                topContext != null ? topContext : entry.requiredPositiveLong("context_length"),
                entry.optionalPositiveLong("top_provider.max_completion_tokens"),
                null,
                entry.texts("supported_parameters", List.of()),
                entry.requiredPrice("pricing.prompt"),
                entry.requiredPrice("pricing.completion"),
                entry.price("pricing.input_cache_read"),
                entry.price("pricing.input_cache_write"),
                entry.price("pricing.request"),
                entry.price("pricing.image"));
    }
}
