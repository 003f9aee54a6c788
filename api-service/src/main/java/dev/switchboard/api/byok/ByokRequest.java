package dev.switchboard.api.byok;

import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import dev.switchboard.api.error.ApiException;

/**
 * The body of {@code POST /api/v1/byok} and {@code PATCH /api/v1/byok/{id}}, read from the JSON tree
 * because on PATCH an absent field (keep) and {@code null} (clear {@code name} or {@code base_url})
 * differ. Every check fails with a 400 naming the field.
 */
final class ByokRequest {

    static final int NAME_MAX = 200;
    static final int SECRET_MAX = 8_192;
    private static final Pattern PROVIDER = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern SECRET = Pattern.compile("[\\x21-\\x7e]+");

    private final JsonNode body;

    private ByokRequest(JsonNode body) {
        this.body = body;
    }

    static ByokRequest of(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object");
        }
        return new ByokRequest(body);
    }

    boolean has(String field) {
        return body.has(field);
    }

    String provider() {
        String provider = string("provider");
        if (provider == null || !PROVIDER.matcher(provider).matches()) {
            throw ApiException.badRequest("provider is required: a provider slug such as openai");
        }
        return provider;
    }

    /** The provider key in plain text; printable ASCII without spaces, as every provider issues them. */
    String secret() {
        String secret = string("key");
        if (secret == null || secret.isEmpty()) {
            throw ApiException.badRequest("key is required: the provider's API key");
        }
        if (secret.length() > SECRET_MAX || !SECRET.matcher(secret).matches()) {
            throw ApiException.badRequest("key must be 1 to " + SECRET_MAX + " printable characters without spaces");
        }
        return secret;
    }

    String name(String current) {
        if (!has("name")) {
            return current;
        }
        String name = string("name");
        if (name == null || name.isBlank()) {
            return null;
        }
        if (name.length() > NAME_MAX) {
            throw ApiException.badRequest("name must be at most " + NAME_MAX + " characters");
        }
        return name.strip();
    }

    boolean disabled(boolean current) {
        return has("disabled") ? bool("disabled") : current;
    }

    /** {@code priority} wins over OpenRouter's {@code is_fallback}; without either, {@code current}. */
    ByokPriority priority(ByokPriority current) {
        if (has("priority")) {
            return ByokPriority.of(string("priority"));
        }
        if (has("is_fallback")) {
            return bool("is_fallback") ? ByokPriority.FALLBACK : ByokPriority.PRIORITIZED;
        }
        return current;
    }

    /** The requested base URL, unchecked ({@link BaseUrlGuard} checks it); null clears it. */
    String baseUrl(String current) {
        return has("base_url") ? string("base_url") : current;
    }

    private String string(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw ApiException.badRequest(field + " must be a string");
        }
        return node.stringValue();
    }

    private boolean bool(String field) {
        JsonNode node = body.get(field);
        if (node == null || !node.isBoolean()) {
            throw ApiException.badRequest(field + " must be true or false");
        }
        return node.booleanValue();
    }
}
