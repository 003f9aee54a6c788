package dev.switchboard.api.purchases;

import java.math.BigDecimal;

import dev.switchboard.api.error.ApiException;
import dev.switchboard.api.identity.Usd;

/**
 * {@code POST /api/v1/credits/checkout}: {@code {"amount": <USD>}}, read exactly as written. The
 * purchase limits (minimum, maximum, whole cents) are billing-service's configuration and checked there.
 */
record CheckoutBody(BigDecimal amount) {

    long validAmountNanos() {
        if (amount == null) {
            throw ApiException.badRequest("amount (USD) is required");
        }
        if (amount.signum() <= 0) {
            throw ApiException.badRequest("amount must be more than 0 USD");
        }
        if (!Usd.fitsNanos(amount) || amount.compareTo(new BigDecimal("1000000000")) > 0) {
            throw ApiException.badRequest("amount must be whole cents of USD");
        }
        return Usd.toNanosExact(amount);
    }
}
