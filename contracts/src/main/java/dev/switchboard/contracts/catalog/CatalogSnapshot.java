package dev.switchboard.contracts.catalog;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * {@code GET /internal/catalog/snapshot}: everything the api-service routes and prices by, served
 * with an {@code ETag} equal to {@code version} (a conditional request gets 304).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogSnapshot(String version, Instant generatedAt, List<ProviderInfo> providers,
                              List<ModelInfo> models) {
}
