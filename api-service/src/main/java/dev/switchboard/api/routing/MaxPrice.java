package dev.switchboard.api.routing;

import java.math.BigDecimal;

import dev.switchboard.api.catalog.PriceSheet;

/**
 * {@code provider.max_price}: USD per million prompt and completion tokens, per request and per
 * image. A null limit does not apply.
 */
public record MaxPrice(BigDecimal promptPerMillion, BigDecimal completionPerMillion, BigDecimal request,
                       BigDecimal image) {

    /** True when any price of {@code prices} is above its limit. Compares only: nothing is formatted. */
    boolean exceeded(PriceSheet prices) {
        return (promptPerMillion != null && prices.prompt().movePointRight(6).compareTo(promptPerMillion) > 0)
                || (completionPerMillion != null && prices.completion().movePointRight(6).compareTo(completionPerMillion) > 0)
                || (request != null && prices.request().compareTo(request) > 0)
                || (image != null && prices.image().compareTo(image) > 0);
    }

    /** The first price of {@code prices} above its limit, described; null when all are within. */
    String exceededBy(PriceSheet prices) {
        if (promptPerMillion != null && prices.prompt().movePointRight(6).compareTo(promptPerMillion) > 0) {
            return "prompt price " + prices.prompt().movePointRight(6).stripTrailingZeros().toPlainString()
                    + " USD/M above max_price.prompt " + promptPerMillion.toPlainString();
        }
        if (completionPerMillion != null && prices.completion().movePointRight(6).compareTo(completionPerMillion) > 0) {
            return "completion price " + prices.completion().movePointRight(6).stripTrailingZeros().toPlainString()
                    + " USD/M above max_price.completion " + completionPerMillion.toPlainString();
        }
        if (request != null && prices.request().compareTo(request) > 0) {
            return "request price " + prices.request().toPlainString() + " USD above max_price.request "
                    + request.toPlainString();
        }
        if (image != null && prices.image().compareTo(image) > 0) {
            return "image price " + prices.image().toPlainString() + " USD above max_price.image " + image.toPlainString();
        }
        return null;
    }
}
