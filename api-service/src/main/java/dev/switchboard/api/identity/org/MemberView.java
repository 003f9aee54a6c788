package dev.switchboard.api.identity.org;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A member in OpenRouter's shape ({@code GET /api/v1/organization/members} items). Switchboard keeps
 * no names, so {@code first_name} and {@code last_name} are null; {@code role} is {@code org:owner},
 * {@code org:admin} or {@code org:member} (OpenRouter has no owners; Switchboard's are admins who
 * may also manage admins and owners).
 */
record MemberView(String id, String email,
                  @JsonProperty("first_name") String firstName,
                  @JsonProperty("last_name") String lastName,
                  String role) {

    static MemberView of(Organizations.Member member) {
        return new MemberView(member.userId().toString(), member.email(), null, null, member.role().openRouterName());
    }
}
