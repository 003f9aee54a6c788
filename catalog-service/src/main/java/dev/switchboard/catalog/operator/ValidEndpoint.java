package dev.switchboard.catalog.operator;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import dev.switchboard.catalog.error.CatalogException;

/**
 * A {@link NewEndpoint} checked field by field; absent limits and parameters are taken from the model
 * (null here), absent prices are zero.
 *
 * @param prices prompt, completion, cache read, cache write, request, image, in that order
 */
record ValidEndpoint(String provider, String upstreamModelId, Long contextLength, Long maxCompletionTokens,
                     String quantization, String[] supportedParameters, List<BigDecimal> prices) {

    static ValidEndpoint of(NewEndpoint e) {
        if (e == null) {
            throw refused("(body)", "is required");
        }
        NewEndpoint.Prices p = e.prices() == null ? new NewEndpoint.Prices(null, null, null, null, null, null)
                : e.prices();
        return new ValidEndpoint(
                required("provider", e.provider()),
                required("upstreamModelId", e.upstreamModelId()),
                positive("contextLength", e.contextLength()),
                positive("maxCompletionTokens", e.maxCompletionTokens()),
                e.quantization(),
                e.supportedParameters() == null ? null : e.supportedParameters().toArray(String[]::new),
                List.of(price("prices.prompt", p.prompt()), price("prices.completion", p.completion()),
                        price("prices.cacheRead", p.cacheRead()), price("prices.cacheWrite", p.cacheWrite()),
                        price("prices.request", p.request()), price("prices.image", p.image())));
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw refused(field, "is required");
        }
        return value;
    }

    private static Long positive(String field, Long value) {
        if (value != null && value <= 0) {
            throw refused(field, "must be a positive integer");
        }
        return value;
    }

    private static BigDecimal price(String field, String value) {
        if (value == null || value.isBlank()) {
            return BigDecimal.ZERO;
        }
        try {
            BigDecimal price = new BigDecimal(value.trim());
            if (price.signum() < 0) {
                throw refused(field, "must not be negative");
            }
            return price;
        } catch (NumberFormatException e) {
            throw refused(field, "must be a decimal string such as \"0.0000025\"");
        }
    }

    private static CatalogException refused(String field, String problem) {
        return new CatalogException(400, "field '" + field + "' " + problem, Map.of("field", field));
    }
}
