package dev.switchboard.api.identity.keys;

import java.math.BigDecimal;

import tools.jackson.databind.JsonNode;

import dev.switchboard.api.error.ApiException;

/**
 * {@code PATCH /api/v1/keys/{hash}}: {@code {"name"?,"disabled"?,"limit"?,"limit_reset"?,"include_byok_in_limit"?}}.
 * Read from the JSON tree because an absent field (keep) and {@code null} (clear, for {@code limit}
 * and {@code limit_reset}) mean different things. A fractional {@code limit} arrives as a double
 * and is taken as its shortest decimal form ({@code 0.1} stays {@code 0.1}).
 */
final class KeyUpdate {

    private final JsonNode body;

    private KeyUpdate(JsonNode body) {
        this.body = body;
    }

    static KeyUpdate of(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object");
        }
        return new KeyUpdate(body);
    }

    /** @return {@code key} with the requested changes, all validated */
    ApiKey applyTo(ApiKey key) {
        String name = has("name") ? KeyFields.name(string("name")) : key.name();
        boolean disabled = has("disabled") ? bool("disabled") : key.disabled();
        Long limitNanos = has("limit") ? KeyFields.limitNanos(decimal("limit")) : key.limitNanos();
        String limitReset = has("limit_reset") ? KeyFields.limitReset(string("limit_reset")) : key.limitReset();
        boolean byok = has("include_byok_in_limit") ? bool("include_byok_in_limit") : key.includeByokInLimit();
        return new ApiKey(key.hash(), key.orgId(), key.creatorUserId(), name, key.label(), key.management(), disabled,
                limitNanos, limitReset, byok, key.expiresAt(), key.createdAt(), key.updatedAt());
    }

    private boolean has(String field) {
        return body.has(field);
    }

    private String string(String field) {
        JsonNode node = body.get(field);
        if (node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw ApiException.badRequest(field + " must be a string");
        }
        return node.stringValue();
    }

    private boolean bool(String field) {
        JsonNode node = body.get(field);
        if (!node.isBoolean()) {
            throw ApiException.badRequest(field + " must be true or false");
        }
        return node.booleanValue();
    }

    private BigDecimal decimal(String field) {
        JsonNode node = body.get(field);
        if (node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw ApiException.badRequest(field + " must be a number or null");
        }
        return node.decimalValue();
    }
}
