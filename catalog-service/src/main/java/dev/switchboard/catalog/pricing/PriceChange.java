package dev.switchboard.catalog.pricing;

import java.time.Instant;

/**
 * {@code POST /internal/catalog/endpoints/{endpointId}/prices}: new prices for an endpoint, exact
 * decimal strings of USD per token (per request and per image for those two), taking effect at
 * {@code effectiveFrom} (now when absent). Omitted prices are zero.
 */
record PriceChange(String prompt, String completion, String cacheRead, String cacheWrite, String request,
                   String image, Instant effectiveFrom) {
}
