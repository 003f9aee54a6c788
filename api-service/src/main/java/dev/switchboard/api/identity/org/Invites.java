package dev.switchboard.api.identity.org;

import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/** Table {@code api.invites}: invitations by the hash of their token, each usable once. */
@Repository
class Invites {

    /** An invitation as stored (never with its token, which only the mail has). */
    record Invite(UUID id, UUID orgId, String orgName, String email, Role role, Instant createdAt, Instant expiresAt,
                  Instant acceptedAt, Instant revokedAt) {

        InviteStatus status(Instant now) {
            if (acceptedAt != null) {
                return InviteStatus.ACCEPTED;
            }
            if (revokedAt != null) {
                return InviteStatus.REVOKED;
            }
            return now.isBefore(expiresAt) ? InviteStatus.PENDING : InviteStatus.EXPIRED;
        }
    }

    enum InviteStatus { PENDING, ACCEPTED, REVOKED, EXPIRED }

    private static final String COLUMNS = """
            SELECT i.id, i.org_id, o.name AS org_name, i.email, i.role, i.created_at, i.expires_at, i.accepted_at, i.revoked_at
              FROM invites i JOIN organizations o ON o.id = i.org_id
            """;

    private final DatabaseClient db;
    private final TransactionalOperator tx;

    Invites(DatabaseClient db, ReactiveTransactionManager transactions) {
        this.db = db;
        this.tx = TransactionalOperator.create(transactions);
    }

    Mono<Invite> insert(UUID orgId, String email, Role role, String tokenHash, UUID invitedBy, Instant expiresAt) {
        UUID id = UUID.randomUUID();
        return db.sql("""
                        INSERT INTO invites (id, org_id, email, role, token_hash, invited_by, expires_at)
                        VALUES (:id, :org, :email, :role, :hash, :by, :expires)""")
                .bind("id", id)
                .bind("org", orgId)
                .bind("email", email)
                .bind("role", role.wire())
                .bind("hash", tokenHash)
                .bind("by", invitedBy)
                .bind("expires", expiresAt)
                .fetch()
                .rowsUpdated()
                .then(Mono.defer(() -> find(orgId, id)));
    }

    Mono<Invite> find(UUID orgId, UUID id) {
        return db.sql(COLUMNS + " WHERE i.org_id = :org AND i.id = :id")
                .bind("org", orgId)
                .bind("id", id)
                .map(Invites::invite)
                .one();
    }

    /** Newest first. */
    Flux<Invite> list(UUID orgId) {
        return db.sql(COLUMNS + " WHERE i.org_id = :org ORDER BY i.created_at DESC, i.id")
                .bind("org", orgId)
                .map(Invites::invite)
                .all();
    }

    Mono<Invite> findByTokenHash(String tokenHash) {
        return db.sql(COLUMNS + " WHERE i.token_hash = :hash")
                .bind("hash", tokenHash)
                .map(Invites::invite)
                .one();
    }

    /** Revokes a pending invitation of this organisation; false when there is none with this id. */
    Mono<Boolean> revoke(UUID orgId, UUID id) {
        return db.sql("""
                        UPDATE invites SET revoked_at = now()
                         WHERE org_id = :org AND id = :id AND accepted_at IS NULL AND revoked_at IS NULL""")
                .bind("org", orgId)
                .bind("id", id)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    /**
     * Uses the invitation for {@code userId}, in one transaction: claims it (only while pending, so
     * two concurrent accepts admit one) and adds the membership with the invited role. A user who is
     * already a member keeps the role they have. Empty when the invitation is no longer pending.
     */
    Mono<Invite> accept(String tokenHash, UUID userId) {
        Mono<UUID> claim = db.sql("""
                        UPDATE invites SET accepted_at = now(), accepted_by = :user
                         WHERE token_hash = :hash AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()
                        RETURNING id""")
                .bind("hash", tokenHash)
                .bind("user", userId)
                .map(row -> row.get("id", UUID.class))
                .one();
        return claim.flatMap(id -> findByTokenHash(tokenHash))
                .delayUntil(invite -> db.sql("""
                                INSERT INTO memberships (org_id, user_id, role) VALUES (:org, :user, :role)
                                ON CONFLICT (org_id, user_id) DO NOTHING""")
                        .bind("org", invite.orgId())
                        .bind("user", userId)
                        .bind("role", invite.role().wire())
                        .fetch()
                        .rowsUpdated())
                .as(tx::transactional);
    }

    private static Invite invite(Readable row) {
        return new Invite(row.get("id", UUID.class), row.get("org_id", UUID.class), row.get("org_name", String.class),
                row.get("email", String.class), Role.fromWire(row.get("role", String.class)),
                row.get("created_at", Instant.class), row.get("expires_at", Instant.class),
                row.get("accepted_at", Instant.class), row.get("revoked_at", Instant.class));
    }
}
