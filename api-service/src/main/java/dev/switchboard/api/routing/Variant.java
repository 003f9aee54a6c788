package dev.switchboard.api.routing;

import java.util.Locale;

/**
 * OpenRouter's model suffixes that change routing, not the model: {@code :nitro} sorts by
 * throughput, {@code :floor} by price, {@code :free} keeps only the model's free endpoints.
 */
public enum Variant {
    NONE, NITRO, FLOOR, FREE;

    /** The variant named by a suffix (without the colon), or null when the suffix is not a routing variant. */
    static Variant ofSuffix(String suffix) {
        return switch (suffix.toLowerCase(Locale.ROOT)) {
            case "nitro" -> NITRO;
            case "floor" -> FLOOR;
            case "free" -> FREE;
            default -> null;
        };
    }
}
