package dev.switchboard.api.provider;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.switchboard.api.catalog.Endpoint;

/**
 * Which of the request's optional parameters an endpoint accepts, as the catalog lists them
 * ({@code supported_parameters}). Routing uses {@link #unsupported} for
 * {@code provider.require_parameters}; adapters use {@link #supportedOnly} to drop the rest before
 * the call, as OpenRouter does, so that one unsupported knob does not fail a whole request.
 *
 * <p>Only OpenRouter's optional parameters are judged; the messages, the model, streaming flags and
 * fields this class does not know pass through. An endpoint whose catalog entry lists no parameters
 * at all is treated as "unknown", and nothing is dropped.
 */
public final class ParameterSupport {

    /** The optional request parameters OpenRouter lists per endpoint. */
    static final Set<String> OPTIONAL = Set.of("temperature", "top_p", "top_k", "min_p", "top_a",
            "frequency_penalty", "presence_penalty", "repetition_penalty", "seed", "logit_bias", "logprobs",
            "top_logprobs", "response_format", "structured_outputs", "stop", "tools", "tool_choice",
            "parallel_tool_calls", "reasoning", "include_reasoning", "reasoning_effort", "web_search_options",
            "verbosity");

    /**
     * Aliases: a request field the catalog lists under another name. {@code max_tokens} and
     * {@code max_completion_tokens} are never judged: they bound the spend the credit hold was
     * sized for, and every adapter maps them to the provider's own limit.
     */
    private static final Map<String, String> LISTED_AS = Map.of(
            "reasoning_effort", "reasoning",
            "include_reasoning", "reasoning");

    private ParameterSupport() {
    }

    /** The optional parameters present in {@code body} that {@code endpoint} does not list, in request order. */
    public static Set<String> unsupported(Endpoint endpoint, JsonNode body) {
        Set<String> supported = endpoint.supportedParameters();
        Set<String> missing = new LinkedHashSet<>();
        if (supported == null || supported.isEmpty()) {
            return missing;
        }
        for (String field : body.propertyNames()) {
            if (OPTIONAL.contains(field) && !body.get(field).isNull() && !accepts(supported, field)) {
                missing.add(field);
            }
        }
        return missing;
    }

    /** {@code body} itself when every parameter is supported, else a copy without the unsupported ones. */
    public static ObjectNode supportedOnly(Endpoint endpoint, ObjectNode body) {
        Set<String> missing = unsupported(endpoint, body);
        if (missing.isEmpty()) {
            return body;
        }
        ObjectNode copy = body.deepCopy();
        copy.remove(missing);
        return copy;
    }

    private static boolean accepts(Set<String> supported, String field) {
        if (supported.contains(field)) {
            return true;
        }
        String alias = LISTED_AS.get(field);
        return alias != null && supported.contains(alias);
    }
}
