package dev.switchboard.api.catalog;

import java.util.Set;

/**
 * One routable way to serve a model, resolved against its provider.
 *
 * @param maxCompletionTokens the endpoint's own cap, or 0 when it has none beyond the context
 * @param quantization        the weights' precision as the catalog names it ({@code fp8}, {@code bf16}…),
 *                            {@code unknown} when it does not say
 */
public record Endpoint(String id, String modelId, Provider provider, String upstreamModelId, PriceSheet prices,
                       long contextLength, long maxCompletionTokens, Set<String> supportedParameters,
                       boolean active, String quantization) {

    public Endpoint {
        quantization = quantization == null || quantization.isBlank() ? "unknown" : quantization;
    }

    /** An endpoint whose quantization the catalog does not state. */
    public Endpoint(String id, String modelId, Provider provider, String upstreamModelId, PriceSheet prices,
                    long contextLength, long maxCompletionTokens, Set<String> supportedParameters, boolean active) {
        this(id, modelId, provider, upstreamModelId, prices, contextLength, maxCompletionTokens, supportedParameters,
                active, null);
    }
}
