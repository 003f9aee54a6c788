package dev.switchboard.api.identity.org;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An invitation as its organisation's owners and admins see it ({@code /api/v1/orgs/{id}/invites}).
 *
 * @param status {@code pending}, {@code accepted}, {@code revoked} or {@code expired}
 */
record InviteView(UUID id, String email, String role, String status,
                  @JsonProperty("created_at") Instant createdAt,
                  @JsonProperty("expires_at") Instant expiresAt) {

    static InviteView of(Invites.Invite invite, Instant now) {
        return new InviteView(invite.id(), invite.email(), invite.role().wire(),
                invite.status(now).name().toLowerCase(Locale.ROOT), invite.createdAt(), invite.expiresAt());
    }
}
