package dev.switchboard.api.identity.org;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a member may do in an organisation, by role. This is the matrix of {@code docs/architecture.md}
 * ("Organisations and roles"); {@link OrgPermissions} enforces it.
 */
public enum OrgAction {
    /** Read the organisation: members, credits, activity, generations; call inference. */
    USE(EnumSet.allOf(Role.class)),
    /** Create inference keys, and list, change and delete the keys one created oneself. */
    MANAGE_OWN_KEYS(EnumSet.allOf(Role.class)),
    /** Every key of the organisation, whoever created it, and management keys. */
    MANAGE_ALL_KEYS(EnumSet.of(Role.OWNER, Role.ADMIN)),
    /** Invite, list and revoke invitations; change and remove members who are not owners. */
    MANAGE_MEMBERS(EnumSet.of(Role.OWNER, Role.ADMIN)),
    /** Make owners, and demote or remove them (never the last one). */
    MANAGE_OWNERS(EnumSet.of(Role.OWNER)),
    /** Add, change and delete the organisation's BYOK provider keys. */
    MANAGE_BYOK(EnumSet.of(Role.OWNER, Role.ADMIN)),
    /** Buy credits and change auto top-up. */
    MANAGE_CREDITS(EnumSet.of(Role.OWNER, Role.ADMIN));

    private final Set<Role> allowed;

    OrgAction(Set<Role> allowed) {
        this.allowed = allowed;
    }

    public boolean allows(Role role) {
        return allowed.contains(role);
    }
}
