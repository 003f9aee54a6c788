package dev.switchboard.contracts.catalog;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One way to serve a model: model × provider × upstream model id, with the price in force now.
 * {@code status} is {@code active}, {@code disabled} or {@code down}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EndpointInfo(String id, String provider, String upstreamModelId, Prices prices, long contextLength,
                           Long maxCompletionTokens, String quantization, List<String> supportedParameters,
                           String status) {
}
