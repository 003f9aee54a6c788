package dev.switchboard.api.routing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;

import dev.switchboard.api.error.ApiException;

/**
 * The request's {@code provider} object, with OpenRouter's field names and defaults. Provider names
 * in {@code order}, {@code only} and {@code ignore} match a provider's slug or display name,
 * ignoring case.
 *
 * @param allowFallbacks    false: only the {@code order}ed providers (or, without an order, the first
 *                          choice) are tried
 * @param dataCollectionDeny {@code data_collection: "deny"}: no provider that trains on or retains prompts
 * @param sortAcrossModels  {@code sort.partition: "none"}: sort every model's endpoints together
 */
public record ProviderPreferences(List<String> order, boolean allowFallbacks, boolean requireParameters,
                                  boolean dataCollectionDeny, boolean zdr, Set<String> only, Set<String> ignore,
                                  Set<String> quantizations, SortBy sort, boolean sortAcrossModels, MaxPrice maxPrice,
                                  PercentileCutoffs preferredMinThroughput, PercentileCutoffs preferredMaxLatency) {

    public static final ProviderPreferences DEFAULT = new ProviderPreferences(List.of(), true, false, false, false,
            Set.of(), Set.of(), Set.of(), null, false, null, null, null);

    private static final Set<String> FIELDS = Set.of("order", "allow_fallbacks", "require_parameters",
            "data_collection", "zdr", "only", "ignore", "quantizations", "sort", "max_price",
            "preferred_min_throughput", "preferred_max_latency", "enforce_distillable_text");

    /** The same preferences sorted by {@code sort} (a model variant asks for it). */
    ProviderPreferences sortedBy(SortBy by) {
        return new ProviderPreferences(order, allowFallbacks, requireParameters, dataCollectionDeny, zdr, only, ignore,
                quantizations, by, sortAcrossModels, maxPrice, preferredMinThroughput, preferredMaxLatency);
    }

    /** Parses {@code provider}; absent or null is {@link #DEFAULT}. Bad shapes are a 400 naming the field. */
    public static ProviderPreferences parse(JsonNode node) {
        if (node == null || node.isNull()) {
            return DEFAULT;
        }
        if (!node.isObject()) {
            throw invalid("provider", "must be an object");
        }
        for (String name : node.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw invalid("provider." + name, "is not a provider preference; expected one of " + FIELDS.stream().sorted().toList());
            }
        }
        String dataCollection = string(node.get("data_collection"), "provider.data_collection");
        if (dataCollection != null && !dataCollection.equals("allow") && !dataCollection.equals("deny")) {
            throw invalid("provider.data_collection", "must be \"allow\" or \"deny\"");
        }
        JsonNode sort = node.get("sort");
        return new ProviderPreferences(
                List.copyOf(names(node.get("order"), "provider.order")),
                bool(node.get("allow_fallbacks"), "provider.allow_fallbacks", true),
                bool(node.get("require_parameters"), "provider.require_parameters", false),
                "deny".equals(dataCollection),
                bool(node.get("zdr"), "provider.zdr", false),
                Set.copyOf(names(node.get("only"), "provider.only")),
                Set.copyOf(names(node.get("ignore"), "provider.ignore")),
                Set.copyOf(names(node.get("quantizations"), "provider.quantizations")),
                sortBy(sort),
                sort != null && sort.isObject() && "none".equals(sort.path("partition").asString("model")),
                maxPrice(node.get("max_price")),
                cutoffs(node.get("preferred_min_throughput"), "provider.preferred_min_throughput"),
                cutoffs(node.get("preferred_max_latency"), "provider.preferred_max_latency"));
    }

    private static SortBy sortBy(JsonNode sort) {
        if (sort == null || sort.isNull()) {
            return null;
        }
        JsonNode by = sort.isObject() ? sort.get("by") : sort;
        if (sort.isObject()) {
            JsonNode partition = sort.get("partition");
            if (partition != null && !partition.isNull()
                    && !(partition.isString() && Set.of("model", "none").contains(partition.asString()))) {
                throw invalid("provider.sort.partition", "must be \"model\" or \"none\"");
            }
        }
        if (by == null || by.isNull()) {
            return null;
        }
        if (!by.isString()) {
            throw invalid("provider.sort", "must be \"price\", \"throughput\" or \"latency\", or {\"by\": …}");
        }
        return switch (by.asString()) {
            case "price" -> SortBy.PRICE;
            case "throughput" -> SortBy.THROUGHPUT;
            case "latency" -> SortBy.LATENCY;
            default -> throw invalid("provider.sort", "must be \"price\", \"throughput\" or \"latency\"");
        };
    }

    private static MaxPrice maxPrice(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw invalid("provider.max_price", "must be an object of USD prices");
        }
        for (String name : node.propertyNames()) {
            if (!Set.of("prompt", "completion", "request", "image", "audio").contains(name)) {
                throw invalid("provider.max_price." + name, "is not a price limit");
            }
        }
        return new MaxPrice(usd(node.get("prompt"), "prompt"), usd(node.get("completion"), "completion"),
                usd(node.get("request"), "request"), usd(node.get("image"), "image"));
    }

    private static BigDecimal usd(JsonNode value, String field) {
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            BigDecimal price = value.isNumber() ? value.decimalValue() : value.isString() ? new BigDecimal(value.asString().trim()) : null;
            if (price != null && price.signum() >= 0) {
                return price;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid("provider.max_price." + field, "must be a non-negative USD amount");
    }

    private static PercentileCutoffs cutoffs(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return new PercentileCutoffs(nonNegative(node, field), null, null, null);
        }
        if (!node.isObject()) {
            throw invalid(field, "must be a number or an object of p50, p75, p90, p99");
        }
        for (String name : node.propertyNames()) {
            if (!Set.of("p50", "p75", "p90", "p99").contains(name)) {
                throw invalid(field + "." + name, "is not a percentile; expected p50, p75, p90 or p99");
            }
        }
        return new PercentileCutoffs(optional(node.get("p50"), field + ".p50"), optional(node.get("p75"), field + ".p75"),
                optional(node.get("p90"), field + ".p90"), optional(node.get("p99"), field + ".p99"));
    }

    private static Double optional(JsonNode value, String field) {
        return value == null || value.isNull() ? null : nonNegative(value, field);
    }

    private static double nonNegative(JsonNode value, String field) {
        if (!value.isNumber() || value.asDouble() < 0) {
            throw invalid(field, "must be a non-negative number");
        }
        return value.asDouble();
    }

    private static List<String> names(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw invalid(field, "must be an array of strings");
        }
        List<String> names = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            if (!item.isString() || item.asString().isBlank()) {
                throw invalid(field, "must be an array of strings");
            }
            String name = item.asString().trim().toLowerCase(Locale.ROOT);
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    private static boolean bool(JsonNode node, String field, boolean absent) {
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.isBoolean()) {
            throw invalid(field, "must be a boolean");
        }
        return node.asBoolean();
    }

    private static String string(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw invalid(field, "must be a string");
        }
        return node.asString();
    }

    private static ApiException invalid(String field, String problem) {
        return new ApiException(HttpStatus.BAD_REQUEST, "'" + field + "' " + problem,
                Map.of("field", field));
    }
}
