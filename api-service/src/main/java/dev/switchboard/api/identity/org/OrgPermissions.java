package dev.switchboard.api.identity.org;

import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import dev.switchboard.api.error.ApiException;
import dev.switchboard.api.identity.Caller;

/**
 * The role check in front of every organisation-scoped write. A session acts with its user's role in
 * the organisation (read from the database on each check, so a demotion takes effect at once); a
 * management key acts as an admin of the organisation it belongs to (only owners and admins can
 * create one); an inference key acts as a member.
 */
@Component
public class OrgPermissions {

    private final DatabaseClient db;

    OrgPermissions(DatabaseClient db) {
        this.db = db;
    }

    /** The caller's role in its current organisation. */
    public Mono<Role> roleOf(Caller caller) {
        return switch (caller.kind()) {
            case SESSION -> memberRole(caller.userId(), caller.orgId())
                    .switchIfEmpty(Mono.error(() -> ApiException.forbidden("You are no longer a member of this organisation")));
            case MANAGEMENT_KEY -> Mono.just(Role.ADMIN);
            case API_KEY -> Mono.just(Role.MEMBER);
            case ADMIN -> Mono.error(ApiException.forbidden("The operator token does not act within an organisation"));
        };
    }

    /** Completes with the caller's role when it allows {@code action} in its current organisation, else 403. */
    public Mono<Role> require(Caller caller, OrgAction action) {
        return roleOf(caller).flatMap(role -> allowed(role, action));
    }

    /**
     * The signed-in user's role in {@code orgId} when it allows {@code action}: 404 when they are not
     * a member (another organisation's id reads as unknown), 403 when the role is too low.
     */
    public Mono<Role> requireIn(UUID userId, UUID orgId, OrgAction action) {
        return memberRole(userId, orgId)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Organization not found")))
                .flatMap(role -> allowed(role, action));
    }

    /** Empty when the user is not a member. */
    public Mono<Role> memberRole(UUID userId, UUID orgId) {
        return db.sql("SELECT role FROM memberships WHERE user_id = :user AND org_id = :org")
                .bind("user", userId)
                .bind("org", orgId)
                .map(row -> Role.fromWire(row.get("role", String.class)))
                .one();
    }

    private static Mono<Role> allowed(Role role, OrgAction action) {
        return action.allows(role)
                ? Mono.just(role)
                : Mono.error(ApiException.forbidden("Your role (" + role.wire() + ") does not allow this in the organization"));
    }
}
