package dev.switchboard.api.identity.org;

import org.springframework.http.HttpStatus;

import dev.switchboard.api.error.ApiException;

/**
 * Who may change or remove whom: owners anyone, admins non-owners only, members only themselves
 * (leaving); and an organisation always keeps at least one owner.
 */
final class MembershipRules {

    private MembershipRules() {
    }

    /**
     * @param owners how many owners the organisation has now (counted under the organisation's lock)
     */
    static void checkRoleChange(Role actor, Role targetNow, Role targetNext, long owners) {
        if (!OrgAction.MANAGE_MEMBERS.allows(actor)) {
            throw ApiException.forbidden("Only owners and admins can change roles");
        }
        if ((targetNow == Role.OWNER || targetNext == Role.OWNER) && !OrgAction.MANAGE_OWNERS.allows(actor)) {
            throw ApiException.forbidden("Only owners can make or change owners");
        }
        if (targetNow == Role.OWNER && targetNext != Role.OWNER && owners <= 1) {
            throw lastOwner();
        }
    }

    static void checkRemoval(Role actor, boolean self, Role target, long owners) {
        if (target == Role.OWNER && owners <= 1) {
            throw lastOwner();
        }
        if (self) {
            return;
        }
        if (!OrgAction.MANAGE_MEMBERS.allows(actor)) {
            throw ApiException.forbidden("Only owners and admins can remove other members");
        }
        if (target == Role.OWNER && !OrgAction.MANAGE_OWNERS.allows(actor)) {
            throw ApiException.forbidden("Only owners can remove owners");
        }
    }

    /** Admins may invite admins and members; only owners may invite owners. */
    static void checkInvite(Role actor, Role invited) {
        if (!OrgAction.MANAGE_MEMBERS.allows(actor)) {
            throw ApiException.forbidden("Only owners and admins can invite members");
        }
        if (invited == Role.OWNER && !OrgAction.MANAGE_OWNERS.allows(actor)) {
            throw ApiException.forbidden("Only owners can invite owners");
        }
    }

    private static ApiException lastOwner() {
        return new ApiException(HttpStatus.CONFLICT, "An organization must keep at least one owner");
    }
}
