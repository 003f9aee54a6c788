package dev.switchboard.api.identity.keys;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;

import dev.switchboard.api.error.ApiException;
import dev.switchboard.api.identity.Usd;

/** The checks shared by creating and updating a key, each failing with a 400 that names the field. */
final class KeyFields {

    static final int NAME_MAX = 200;
    /** A key limit above this is a typing mistake, not a budget. */
    static final BigDecimal LIMIT_MAX_USD = new BigDecimal("1000000000");
    static final Set<String> LIMIT_RESETS = Set.of("daily", "weekly", "monthly");

    private KeyFields() {
    }

    static String name(String name) {
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("name is required");
        }
        if (name.length() > NAME_MAX) {
            throw ApiException.badRequest("name must be at most " + NAME_MAX + " characters");
        }
        return name.strip();
    }

    /** @return the limit in nanos, or null (unlimited) for a null limit */
    static Long limitNanos(BigDecimal limitUsd) {
        if (limitUsd == null) {
            return null;
        }
        if (limitUsd.signum() < 0 || limitUsd.compareTo(LIMIT_MAX_USD) > 0 || !Usd.fitsNanos(limitUsd)) {
            throw ApiException.badRequest("limit must be a USD amount from 0 to " + LIMIT_MAX_USD.toPlainString()
                    + " with at most 9 decimals, or null for no limit");
        }
        return Usd.toNanosExact(limitUsd);
    }

    static String limitReset(String reset) {
        if (reset != null && !LIMIT_RESETS.contains(reset)) {
            throw ApiException.badRequest("limit_reset must be daily, weekly, monthly or null");
        }
        return reset;
    }

    /** @return the expiry, which must be an ISO-8601 date-time with an offset and lie in the future */
    static Instant expiresAt(String expiresAt, Instant now) {
        if (expiresAt == null) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(expiresAt).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("expires_at must be an ISO-8601 date-time such as 2027-12-31T23:59:59Z");
        }
        if (!instant.isAfter(now)) {
            throw ApiException.badRequest("expires_at must be in the future");
        }
        return instant;
    }
}
