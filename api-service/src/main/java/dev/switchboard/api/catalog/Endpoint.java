package dev.switchboard.api.catalog;

import java.util.Set;

/**
 * One routable way to serve a model, resolved against its provider.
 *
 * @param maxCompletionTokens the endpoint's own cap, or 0 when it has none beyond the context
 */
public record Endpoint(String id, String modelId, Provider provider, String upstreamModelId, PriceSheet prices,
                       long contextLength, long maxCompletionTokens, Set<String> supportedParameters,
                       boolean active) {
}
