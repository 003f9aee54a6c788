package dev.switchboard.api.routing;

import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import dev.switchboard.api.catalog.Endpoint;
import dev.switchboard.api.catalog.Model;

/**
 * The request's filters, in the order they are applied: the first one an endpoint fails is the
 * reason it is excluded. Pure functions of the endpoint and the request; no health here.
 */
final class EndpointFilters {

    /** The parameters OpenRouter lets {@code require_parameters} demand; other body fields pass through. */
    private static final Set<String> ROUTABLE_PARAMETERS = Set.of("temperature", "top_p", "top_k", "min_p", "top_a",
            "frequency_penalty", "presence_penalty", "repetition_penalty", "seed", "max_tokens", "stop", "logit_bias",
            "logprobs", "top_logprobs", "response_format", "structured_outputs", "tools", "tool_choice",
            "parallel_tool_calls", "reasoning", "include_reasoning", "reasoning_effort", "verbosity",
            "web_search_options");

    private EndpointFilters() {
    }

    /** The first filter {@code endpoint} fails, or null when it passes them all. */
    static Exclusion check(Model model, Endpoint endpoint, RoutingRequest request, ProviderPreferences prefs,
                           Variant variant) {
        if (!endpoint.active()) {
            return exclusion(endpoint, "disabled", () -> "endpoint is not active in the catalog");
        }
        if (!prefs.only().isEmpty() && !named(prefs.only(), endpoint)) {
            return exclusion(endpoint, "provider.only", () -> "provider not in provider.only");
        }
        if (named(prefs.ignore(), endpoint)) {
            return exclusion(endpoint, "provider.ignore", () -> "provider in provider.ignore");
        }
        if (variant == Variant.FREE && !free(endpoint)) {
            return exclusion(endpoint, "variant.free", () -> "not a free endpoint");
        }
        if (endpoint.contextLength() > 0 && request.contextNeeded() > endpoint.contextLength()) {
            return exclusion(endpoint, "context_length", () -> "prompt (~" + request.promptTokens() + " tokens)"
                    + (request.maxTokens() > 0 ? " plus max_tokens " + request.maxTokens() : "")
                    + " exceeds the context of " + endpoint.contextLength());
        }
        String missing = missingCapability(model, endpoint, request.capabilities());
        if (missing != null) {
            return exclusion(endpoint, "capability", () -> "does not support " + missing);
        }
        if (prefs.requireParameters()) {
            String unsupported = unsupportedParameter(endpoint, request.parameters());
            if (unsupported != null) {
                return exclusion(endpoint, "provider.require_parameters", () -> "does not support parameter '" + unsupported + "'");
            }
        }
        if (!prefs.quantizations().isEmpty()
                && !prefs.quantizations().contains(endpoint.quantization().toLowerCase(Locale.ROOT))) {
            return exclusion(endpoint, "provider.quantizations", () -> "quantization " + endpoint.quantization()
                    + " not in provider.quantizations");
        }
        if (prefs.dataCollectionDeny() && (endpoint.provider().trainsOnData() || endpoint.provider().retainsPrompts())) {
            return exclusion(endpoint, "provider.data_collection", () -> endpoint.provider().trainsOnData()
                    ? "provider may train on data" : "provider retains prompts");
        }
        if (prefs.zdr() && !endpoint.provider().zeroDataRetention()) {
            return exclusion(endpoint, "provider.zdr", () -> "provider retains prompts");
        }
        if (prefs.maxPrice() != null) {
            if (prefs.maxPrice().exceeded(endpoint.prices())) {
                return exclusion(endpoint, "provider.max_price", () -> prefs.maxPrice().exceededBy(endpoint.prices()));
            }
        }
        return null;
    }

    static Exclusion exclusion(Endpoint endpoint, String filter, Supplier<String> reason) {
        return new Exclusion(endpoint.modelId(), endpoint.id(), endpoint.provider().slug(), filter, reason);
    }

    /** True when {@code names} (lower case) holds the endpoint's provider slug or display name. */
    static boolean named(Set<String> names, Endpoint endpoint) {
        return !names.isEmpty() && (names.contains(endpoint.provider().slug().toLowerCase(Locale.ROOT))
                || names.contains(endpoint.provider().name().toLowerCase(Locale.ROOT)));
    }

    static boolean free(Endpoint endpoint) {
        return endpoint.prices().prompt().signum() == 0 && endpoint.prices().completion().signum() == 0
                && endpoint.prices().request().signum() == 0;
    }

    /**
     * The capability the request needs that the endpoint lacks. An endpoint that lists no
     * parameters at all is taken as unknown rather than incapable, so a sparse catalog still routes.
     */
    private static String missingCapability(Model model, Endpoint endpoint, Set<String> needed) {
        if (needed.isEmpty()) {
            return null;
        }
        if (needed.contains("image_input") && !model.inputModalities().isEmpty()
                && !model.inputModalities().contains("image")) {
            return "image input";
        }
        Set<String> supported = endpoint.supportedParameters();
        if (supported.isEmpty()) {
            return null;
        }
        if (needed.contains("tools") && !supported.contains("tools")) {
            return "tools";
        }
        if (needed.contains("response_format") && !supported.contains("response_format")
                && !supported.contains("structured_outputs")) {
            return "response_format";
        }
        if (needed.contains("reasoning") && !supported.contains("reasoning") && !supported.contains("include_reasoning")) {
            return "reasoning";
        }
        return null;
    }

    private static String unsupportedParameter(Endpoint endpoint, Set<String> parameters) {
        for (String parameter : parameters) {
            String name = "max_completion_tokens".equals(parameter) ? "max_tokens" : parameter;
            if (ROUTABLE_PARAMETERS.contains(name) && !endpoint.supportedParameters().contains(name)) {
                return parameter;
            }
        }
        return null;
    }
}
