package dev.switchboard.api.identity.org;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One of the signed-in user's organisations ({@code GET /api/v1/orgs} items).
 *
 * @param personal whether it is the user's personal organisation (one member, never shared)
 * @param current  whether it is the session's current organisation
 */
record OrgView(UUID id, String name, String role, boolean personal, boolean current,
               @JsonProperty("created_at") Instant createdAt) {

    static OrgView of(Organizations.MyOrganization org, UUID currentOrg) {
        return new OrgView(org.id(), org.name(), org.role().wire(), org.personal(), org.id().equals(currentOrg), org.createdAt());
    }
}
