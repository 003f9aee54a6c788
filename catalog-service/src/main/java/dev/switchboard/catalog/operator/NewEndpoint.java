package dev.switchboard.catalog.operator;

import java.util.List;

/**
 * Body of {@code POST /internal/catalog/models/{author}/{slug}/endpoints}: a provider already in the
 * catalog, the provider's id for the model, limits, and the first prices (decimal strings of USD per
 * token, per request and per image for those two; omitted prices are zero) in force from now.
 */
record NewEndpoint(String provider, String upstreamModelId, Long contextLength, Long maxCompletionTokens,
                   String quantization, List<String> supportedParameters, Prices prices) {

    record Prices(String prompt, String completion, String cacheRead, String cacheWrite, String request,
                  String image) {
    }
}
