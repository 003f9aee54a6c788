package dev.switchboard.api.admin;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.switchboard.api.error.ApiException;
import dev.switchboard.api.identity.Usd;

/**
 * {@code POST /api/admin/credits}: {@code {"email","amount_usd","note"}}. {@code amount_usd} is read
 * exactly as written (a JSON number or a decimal string) and converted to nanos without rounding.
 */
record GrantCreditsRequest(String email, @JsonProperty("amount_usd") BigDecimal amountUsd, String note) {

    /** More than this in one grant is taken for a typing mistake. */
    static final BigDecimal MAX_USD = new BigDecimal("1000000");
    static final int NOTE_MAX = 500;

    /** @return the amount in nanos, after checking every field */
    long validAmountNanos() {
        if (email == null || email.isBlank()) {
            throw ApiException.badRequest("email is required");
        }
        if (amountUsd == null) {
            throw ApiException.badRequest("amount_usd is required");
        }
        if (amountUsd.signum() <= 0 || amountUsd.compareTo(MAX_USD) > 0) {
            throw ApiException.badRequest("amount_usd must be more than 0 and at most " + MAX_USD.toPlainString());
        }
        if (!Usd.fitsNanos(amountUsd)) {
            throw ApiException.badRequest("amount_usd has more than 9 decimals; the smallest unit is 0.000000001 USD");
        }
        if (note != null && note.length() > NOTE_MAX) {
            throw ApiException.badRequest("note must be at most " + NOTE_MAX + " characters");
        }
        return Usd.toNanosExact(amountUsd);
    }
}
