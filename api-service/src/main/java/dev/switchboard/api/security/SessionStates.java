package dev.switchboard.api.security;

import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * What a stored browser session is checked against on each request, in one query: the user's
 * session version (a password reset bumps it, ending every older session), their personal
 * organisation, and whether they still belong to the session's current organisation.
 */
@Component
class SessionStates {

    /**
     * @param version     the user's current session version
     * @param personalOrg the user's personal organisation, where a session falls back to
     * @param member      whether the user belongs to the organisation asked about
     */
    record State(long version, UUID personalOrg, boolean member) {
    }

    private final DatabaseClient db;

    SessionStates(DatabaseClient db) {
        this.db = db;
    }

    /** Empty when the user no longer exists. */
    Mono<State> of(UUID userId, UUID orgId) {
        return db.sql("""
                        SELECT u.session_version, p.id AS personal_org,
                               EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.org_id = :org) AS member
                          FROM users u
                          LEFT JOIN organizations p ON p.personal_for = u.id
                         WHERE u.id = :user""")
                .bind("user", userId)
                .bind("org", orgId)
                .map(row -> new State(row.get("session_version", Long.class), row.get("personal_org", UUID.class),
                        Boolean.TRUE.equals(row.get("member", Boolean.class))))
                .one();
    }
}
