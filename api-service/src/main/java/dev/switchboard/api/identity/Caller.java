package dev.switchboard.api.identity;

import java.util.UUID;

/**
 * Who is making a request, as the security layer established it: the principal of every
 * authenticated exchange ({@code @AuthenticationPrincipal Caller caller}).
 *
 * @param kind          how the caller proved who it is
 * @param userId        the user (for an API key: the user who created it)
 * @param orgId         the organisation whose credits, keys and data the request uses
 * @param keyHash       SHA-256 hex of the API key, or {@code null} for a session
 * @param keyLimitNanos the key's credit limit in nanos, or {@code null} when unlimited or a session
 */
public record Caller(Kind kind, UUID userId, UUID orgId, String keyHash, Long keyLimitNanos) {

    public enum Kind {
        /** A browser session (cookie, CSRF-protected writes). */
        SESSION,
        /** An inference API key ({@code sk-sb-v1-…}). */
        API_KEY,
        /** A management key: may manage keys, may not call inference. */
        MANAGEMENT_KEY,
        /** The operator, with {@code SWITCHBOARD_ADMIN_TOKEN}. */
        ADMIN
    }

    public boolean mayCallInference() {
        return kind == Kind.SESSION || kind == Kind.API_KEY;
    }
}
