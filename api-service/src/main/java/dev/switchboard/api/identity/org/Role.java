package dev.switchboard.api.identity.org;

import java.util.Locale;

import dev.switchboard.api.error.ApiException;

/** A member's role in an organisation, stored and sent in lower case ({@code owner}, {@code admin}, {@code member}). */
public enum Role {
    OWNER, ADMIN, MEMBER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** OpenRouter's member listing spells roles {@code org:<role>}. */
    String openRouterName() {
        return "org:" + wire();
    }

    public static Role fromWire(String value) {
        return Role.valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** A role from a request body: {@code owner}, {@code admin} or {@code member} (also {@code org:member} and so on). */
    static Role parse(String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("role is required: owner, admin or member");
        }
        String bare = value.strip().toLowerCase(Locale.ROOT);
        bare = bare.startsWith("org:") ? bare.substring(4) : bare;
        return switch (bare) {
            case "owner" -> OWNER;
            case "admin" -> ADMIN;
            case "member" -> MEMBER;
            default -> throw ApiException.badRequest("role must be owner, admin or member");
        };
    }
}
