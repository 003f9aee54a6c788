package dev.switchboard.catalog.importing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import dev.switchboard.catalog.error.CatalogException;

/**
 * Typed reads of one entry of a catalog file. Every failed read is a 400 naming the entry and the
 * field (a dotted path such as {@code pricing.prompt}), in the message and in the error metadata, so
 * the operator can fix the file without guessing.
 */
final class EntryFields {

    private final String entry;
    private final JsonNode node;

    EntryFields(String entry, JsonNode node) {
        this.entry = entry;
        this.node = node;
    }

    String entry() {
        return entry;
    }

    CatalogException rejected(String field, String problem) {
        return new CatalogException(400, "entry '" + entry + "': field '" + field + "' " + problem,
                Map.of("entry", entry, "field", field));
    }

    private JsonNode at(String field) {
        JsonNode current = node;
        for (String part : field.split("\\.")) {
            current = current == null || !current.isObject() ? null : current.get(part);
        }
        return current == null || current.isNull() ? null : current;
    }

    boolean has(String field) {
        return at(field) != null;
    }

    /** Whether the field holds exactly the string {@code expected}; never refuses. */
    boolean holds(String field, String expected) {
        JsonNode value = at(field);
        return value != null && value.isString() && expected.equals(value.stringValue());
    }

    String requiredText(String field) {
        String value = optionalText(field);
        if (value == null || value.isBlank()) {
            throw rejected(field, "is required and must be a non-empty string");
        }
        return value;
    }

    String optionalText(String field) {
        JsonNode value = at(field);
        if (value == null) {
            return null;
        }
        if (!value.isString()) {
            throw rejected(field, "must be a string");
        }
        return value.stringValue();
    }

    long requiredPositiveLong(String field) {
        Long value = optionalPositiveLong(field);
        if (value == null) {
            throw rejected(field, "is required and must be a positive integer");
        }
        return value;
    }

    Long optionalPositiveLong(String field) {
        JsonNode value = at(field);
        if (value == null) {
            return null;
        }
        // LiteLLM writes some limits as 2000000.0: a number with no fraction is still an integer.
        BigDecimal number = value.isNumber() ? value.decimalValue().stripTrailingZeros() : null;
        if (number == null || number.scale() > 0 || number.signum() <= 0
                || number.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw rejected(field, "must be a positive integer");
        }
        return number.longValueExact();
    }

    boolean flag(String field) {
        JsonNode value = at(field);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            throw rejected(field, "must be true or false");
        }
        return value.booleanValue();
    }

    /**
     * An exact, non-negative price in USD. OpenRouter writes prices as decimal strings, LiteLLM as
     * JSON numbers; both are read from their text (the file is parsed with big decimals), never
     * through a double. Absent means zero, as in the snapshot contract.
     */
    BigDecimal price(String field) {
        JsonNode value = at(field);
        if (value == null) {
            return BigDecimal.ZERO;
        }
        BigDecimal price;
        try {
            price = value.isString() ? new BigDecimal(value.stringValue().trim())
                    : value.isNumber() ? value.decimalValue() : null;
        } catch (NumberFormatException e) {
            price = null;
        }
        if (price == null) {
            throw rejected(field, "must be a decimal USD amount such as \"0.0000025\"");
        }
        if (price.signum() < 0) {
            throw rejected(field, "must not be negative");
        }
        return price;
    }

    BigDecimal requiredPrice(String field) {
        if (!has(field)) {
            throw rejected(field, "is required");
        }
        return price(field);
    }

    List<String> texts(String field, List<String> absent) {
        JsonNode value = at(field);
        if (value == null) {
            return absent;
        }
        if (!value.isArray()) {
            throw rejected(field, "must be an array of strings");
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isString()) {
                throw rejected(field, "must be an array of strings");
            }
            texts.add(item.stringValue());
        }
        return List.copyOf(texts);
    }
}
