package dev.switchboard.api.byok;

import java.util.Arrays;

import dev.switchboard.api.error.ApiException;

/** Where an organisation's own key stands against the platform's capacity for its provider. */
public enum ByokPriority {
    /** Tried before the platform's key. */
    PRIORITIZED("prioritized"),
    /** Tried only after the platform's key failed (OpenRouter's {@code is_fallback}). */
    FALLBACK("fallback"),
    /** The only way this organisation reaches the provider: platform capacity is not used. */
    ALWAYS("always");

    private final String code;

    ByokPriority(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    static ByokPriority of(String code) {
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst()
                .orElseThrow(() -> ApiException.badRequest("priority must be prioritized, fallback or always"));
    }
}
