package dev.switchboard.api.identity.account;

import java.util.UUID;

/**
 * A user together with one organisation they belong to and their role there.
 *
 * @param passwordHash in Spring Security's delegating format; never leaves this package
 */
record Account(UUID userId, String email, String passwordHash, UUID orgId, String orgName, String role) {

    @Override
    public String toString() {
        return "Account[userId=" + userId + ", orgId=" + orgId + ", role=" + role + "]";
    }
}
