package dev.switchboard.api.identity.keys;

import java.time.Instant;
import java.util.UUID;

import dev.switchboard.api.identity.Caller;

/**
 * A stored API key (table {@code api.api_keys}).
 *
 * @param limitNanos credit limit in nano-USD, or {@code null} for unlimited
 * @param limitReset {@code daily}, {@code weekly}, {@code monthly} (UTC) or {@code null}
 */
record ApiKey(String hash, UUID orgId, UUID creatorUserId, String name, String label, boolean management,
              boolean disabled, Long limitNanos, String limitReset, boolean includeByokInLimit,
              Instant expiresAt, Instant createdAt, Instant updatedAt) {

    boolean expiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    /** The principal of a request made with this key. */
    Caller caller() {
        Caller.Kind kind = management ? Caller.Kind.MANAGEMENT_KEY : Caller.Kind.API_KEY;
        return new Caller(kind, creatorUserId, orgId, hash, limitNanos);
    }
}
