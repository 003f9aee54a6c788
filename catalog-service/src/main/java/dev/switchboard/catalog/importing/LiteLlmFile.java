package dev.switchboard.catalog.importing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Reads LiteLLM's {@code model_prices_and_context_window.json}: an object of entries keyed by model
 * name, each with its {@code litellm_provider}, per-token prices and limits.
 *
 * <p>The file describes far more than a chat catalog holds, so some well-formed entries are skipped
 * and counted rather than refused: other modes (embeddings, images…), providers Switchboard has no
 * adapter for, entries not priced per token or without a context window, a price above $0.001 per
 * token (LiteLLM has filed per-million prices as per-token), and repeats of a provider's upstream id
 * (the shortest key wins, as in {@code seed/derive.py}). A field that is present but wrong (a price
 * that is not a number, a negative price, a zero context) refuses the whole file.
 *
 * <p>An endpoint belongs to the model it is already stored under (matched by provider and upstream
 * id, see {@link CatalogImporter}); a new one gets a model named {@code <provider>/<upstream id>}.
 */
final class LiteLlmFile {

    /** LiteLLM's provider names for the providers the seed catalog holds (see seed/derive.py). */
    static final Map<String, String> PROVIDERS = Map.ofEntries(
            Map.entry("openai", "openai"), Map.entry("anthropic", "anthropic"), Map.entry("gemini", "google"),
            Map.entry("azure", "azure"), Map.entry("groq", "groq"), Map.entry("together_ai", "together"),
            Map.entry("fireworks_ai", "fireworks"), Map.entry("deepinfra", "deepinfra"),
            Map.entry("deepseek", "deepseek"), Map.entry("mistral", "mistral"), Map.entry("xai", "xai"),
            Map.entry("perplexity", "perplexity"), Map.entry("cerebras", "cerebras"), Map.entry("novita", "novita"),
            Map.entry("nebius", "nebius"), Map.entry("sambanova", "sambanova"),
            Map.entry("hyperbolic", "hyperbolic"), Map.entry("moonshot", "moonshotai"), Map.entry("zai", "zai"),
            Map.entry("minimax", "minimax"), Map.entry("lambda_ai", "lambda"), Map.entry("cohere_chat", "cohere"),
            Map.entry("ai21", "ai21"), Map.entry("dashscope", "alibaba"), Map.entry("baseten", "baseten"),
            Map.entry("featherless_ai", "featherless"), Map.entry("friendliai", "friendli"),
            Map.entry("nscale", "nscale"), Map.entry("scaleway", "scaleway"), Map.entry("inception", "inception"),
            Map.entry("morph", "morph"), Map.entry("wandb", "wandb"));

    private static final BigDecimal MAX_PLAUSIBLE_TOKEN_PRICE = new BigDecimal("0.001");

    private LiteLlmFile() {
    }

    static CatalogImport read(JsonNode root, Instant now) {
        if (root == null || !root.isObject()) {
            throw new EntryFields("(file)", root).rejected("(root)", "must be an object of model entries");
        }
        List<String> keys = new ArrayList<>(root.propertyNames());
        keys.sort(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()));
        Map<String, CatalogImport.ModelEntry> models = new LinkedHashMap<>();
        List<CatalogImport.EndpointEntry> endpoints = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int skipped = 0;
        for (String key : keys) {
            JsonNode node = root.get(key);
            EntryFields entry = new EntryFields(key, node);
            if (key.equals("sample_spec") || !node.isObject() || !"chat".equals(entry.optionalText("mode"))) {
                skipped++;
                continue;
            }
            String provider = PROVIDERS.get(entry.requiredText("litellm_provider"));
            CatalogImport.EndpointEntry endpoint = provider == null ? null : endpoint(entry, key, provider);
            if (endpoint == null || !seen.add(provider + " " + endpoint.upstreamModelId())) {
                skipped++;
                continue;
            }
            endpoints.add(endpoint);
            models.putIfAbsent(endpoint.modelId(), model(entry, endpoint, now));
        }
        return new CatalogImport(List.copyOf(models.values()), endpoints, skipped);
    }

    /** The endpoint an entry describes, or null when the catalog cannot hold it (see the class comment). */
    private static CatalogImport.EndpointEntry endpoint(EntryFields entry, String key, String provider) {
        Long context = entry.optionalPositiveLong("max_input_tokens");
        Long maxTokens = entry.optionalPositiveLong("max_tokens");
        Long maxOutput = entry.optionalPositiveLong("max_output_tokens");
        boolean priced = entry.has("input_cost_per_token") && entry.has("output_cost_per_token");
        BigDecimal prompt = entry.price("input_cost_per_token");
        BigDecimal completion = entry.price("output_cost_per_token");
        BigDecimal cacheRead = entry.price("cache_read_input_token_cost");
        BigDecimal cacheWrite = entry.price("cache_creation_input_token_cost");
        BigDecimal request = entry.price("input_cost_per_request");
        BigDecimal image = entry.price("input_cost_per_image");
        Long contextLength = context != null ? context : maxTokens;
        if (!priced || contextLength == null || prompt.compareTo(MAX_PLAUSIBLE_TOKEN_PRICE) > 0) {
            return null;
        }
        String upstream = upstreamId(key, entry.requiredText("litellm_provider"));
        return new CatalogImport.EndpointEntry(key, provider + "/" + upstream.toLowerCase(Locale.ROOT).replace('/', '-'),
                provider, upstream, contextLength, maxOutput, quantization(upstream), parameters(entry),
                prompt, completion, cacheRead, cacheWrite, request, image);
    }

    private static CatalogImport.ModelEntry model(EntryFields entry, CatalogImport.EndpointEntry endpoint, Instant now) {
        List<String> input = entry.flag("supports_vision") ? List.of("text", "image") : List.of("text");
        return new CatalogImport.ModelEntry(endpoint.modelId(), endpoint.modelId(), endpoint.upstreamModelId(),
                now.getEpochSecond(), "", endpoint.contextLength(), String.join("+", input) + "->text", input,
                List.of("text"), CatalogImport.UNKNOWN_TOKENIZER, null, false, endpoint.supportedParameters(), false);
    }

    /** LiteLLM keys some providers' models with a routing prefix the provider's own API does not use. */
    private static String upstreamId(String key, String litellmProvider) {
        String prefix = litellmProvider + "/";
        return key.startsWith(prefix) ? key.substring(prefix.length()) : key;
    }

    private static String quantization(String upstream) {
        String lower = upstream.toLowerCase(Locale.ROOT);
        for (String q : List.of("fp4", "fp8", "fp16", "bf16", "int4", "int8")) {
            if (lower.contains(q)) {
                return q;
            }
        }
        return null;
    }

    /** The OpenAI-style parameters LiteLLM's capability flags imply. */
    private static List<String> parameters(EntryFields entry) {
        List<String> parameters = new ArrayList<>(List.of("max_tokens", "temperature", "top_p", "stop"));
        if (entry.flag("supports_function_calling")) {
            parameters.addAll(List.of("tools", "tool_choice"));
        }
        if (entry.flag("supports_response_schema")) {
            parameters.addAll(List.of("response_format", "structured_outputs"));
        }
        if (entry.flag("supports_reasoning")) {
            parameters.addAll(List.of("reasoning", "include_reasoning"));
        }
        return List.copyOf(parameters);
    }
}
