package dev.switchboard.api.byok;

import java.time.Instant;
import java.util.UUID;

/** A stored BYOK credential (table {@code api.byok_keys}); the secret only as {@link SealedSecret}. */
record ByokKey(UUID id, UUID orgId, String provider, String name, String label, ByokPriority priority,
               boolean disabled, String baseUrl, SealedSecret secret, Instant createdAt, Instant updatedAt) {

    ByokKey with(String name, ByokPriority priority, boolean disabled, String baseUrl, String label, SealedSecret secret) {
        return new ByokKey(id, orgId, provider, name, label, priority, disabled, baseUrl, secret, createdAt, updatedAt);
    }

    /** {@code sk-…abcd}: the key's first characters up to its first dash and its last four, never more. */
    static String mask(String secret) {
        String tail = secret.length() > 12 ? secret.substring(secret.length() - 4) : "";
        int dash = secret.indexOf('-');
        String head = dash > 0 && dash <= 4 ? secret.substring(0, dash + 1) : "";
        return head + "…" + tail;
    }
}
