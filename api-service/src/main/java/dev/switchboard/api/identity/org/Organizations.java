package dev.switchboard.api.identity.org;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import dev.switchboard.api.error.ApiException;

/** Organisations and memberships, in schema {@code api}. */
@Repository
class Organizations {

    /** One organisation as one of its members sees it. */
    record MyOrganization(UUID id, String name, boolean personal, Role role, Instant createdAt) {
    }

    record Member(UUID userId, String email, Role role, Instant joinedAt) {
    }

    private final DatabaseClient db;
    private final TransactionalOperator tx;

    Organizations(DatabaseClient db, ReactiveTransactionManager transactions) {
        this.db = db;
        this.tx = TransactionalOperator.create(transactions);
    }

    /** The user's organisations, personal one first, then by creation. */
    Flux<MyOrganization> of(UUID userId) {
        return db.sql("""
                        SELECT o.id, o.name, o.personal_for IS NOT NULL AS personal, m.role, o.created_at
                          FROM memberships m JOIN organizations o ON o.id = m.org_id
                         WHERE m.user_id = :user
                         ORDER BY (o.personal_for IS NULL), o.created_at, o.id""")
                .bind("user", userId)
                .map(row -> new MyOrganization(row.get("id", UUID.class), row.get("name", String.class),
                        Boolean.TRUE.equals(row.get("personal", Boolean.class)), Role.fromWire(row.get("role", String.class)),
                        row.get("created_at", Instant.class)))
                .all();
    }

    /** A shared organisation with {@code owner} as its owner. */
    Mono<MyOrganization> create(String name, UUID owner) {
        UUID id = UUID.randomUUID();
        return db.sql("INSERT INTO organizations (id, name) VALUES (:id, :name) RETURNING created_at")
                .bind("id", id)
                .bind("name", name)
                .map(row -> row.get("created_at", Instant.class))
                .one()
                .flatMap(created -> db.sql("INSERT INTO memberships (org_id, user_id, role) VALUES (:org, :user, 'owner')")
                        .bind("org", id)
                        .bind("user", owner)
                        .fetch()
                        .rowsUpdated()
                        .thenReturn(new MyOrganization(id, name, false, Role.OWNER, created)))
                .as(tx::transactional);
    }

    Mono<Boolean> isPersonal(UUID orgId) {
        return db.sql("SELECT personal_for IS NOT NULL AS personal FROM organizations WHERE id = :org")
                .bind("org", orgId)
                .map(row -> Boolean.TRUE.equals(row.get("personal", Boolean.class)))
                .one();
    }

    Flux<Member> members(UUID orgId, long offset, int limit) {
        return db.sql("""
                        SELECT u.id, u.email, m.role, m.created_at
                          FROM memberships m JOIN users u ON u.id = m.user_id
                         WHERE m.org_id = :org
                         ORDER BY m.created_at, u.id OFFSET :offset LIMIT :limit""")
                .bind("org", orgId)
                .bind("offset", offset)
                .bind("limit", limit)
                .map(row -> new Member(row.get("id", UUID.class), row.get("email", String.class),
                        Role.fromWire(row.get("role", String.class)), row.get("created_at", Instant.class)))
                .all();
    }

    Mono<Member> member(UUID orgId, UUID userId) {
        return db.sql("""
                        SELECT u.id, u.email, m.role, m.created_at
                          FROM memberships m JOIN users u ON u.id = m.user_id
                         WHERE m.org_id = :org AND m.user_id = :user""")
                .bind("org", orgId)
                .bind("user", userId)
                .map(row -> new Member(row.get("id", UUID.class), row.get("email", String.class),
                        Role.fromWire(row.get("role", String.class)), row.get("created_at", Instant.class)))
                .one();
    }

    Mono<Boolean> hasMemberWithEmail(UUID orgId, String email) {
        return db.sql("""
                        SELECT EXISTS (SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id
                                        WHERE m.org_id = :org AND u.email = :email) AS member""")
                .bind("org", orgId)
                .bind("email", email)
                .map(row -> Boolean.TRUE.equals(row.get("member", Boolean.class)))
                .one();
    }

    Mono<Long> memberCount(UUID orgId) {
        return db.sql("SELECT count(*) AS n FROM memberships WHERE org_id = :org")
                .bind("org", orgId)
                .map(row -> row.get("n", Long.class))
                .one();
    }

    /**
     * Runs {@code change} on the actor's and the target's current roles and the organisation's owner
     * count, read with the organisation's row locked, so that two owners demoting each other at once
     * cannot leave none and a role taken away a moment ago grants nothing. 404 when either is not a member.
     */
    <T> Mono<T> underOrganisationLock(UUID orgId, UUID actor, UUID target, Function<Locked, Mono<T>> change) {
        Mono<Void> lock = db.sql("SELECT id FROM organizations WHERE id = :org FOR UPDATE")
                .bind("org", orgId)
                .map(row -> row.get("id", UUID.class))
                .all()
                .then();
        Mono<Locked> state = db.sql("""
                        SELECT a.role AS actor_role, t.role AS target_role,
                               (SELECT count(*) FROM memberships o WHERE o.org_id = :org AND o.role = 'owner') AS owners
                          FROM memberships a, memberships t
                         WHERE a.org_id = :org AND a.user_id = :actor AND t.org_id = :org AND t.user_id = :target""")
                .bind("org", orgId)
                .bind("actor", actor)
                .bind("target", target)
                .map(row -> new Locked(Role.fromWire(row.get("actor_role", String.class)),
                        Role.fromWire(row.get("target_role", String.class)), row.get("owners", Long.class)))
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Member not found")));
        return lock.then(state).flatMap(change).as(tx::transactional);
    }

    /**
     * @param actor  the role of the member making the change
     * @param role   the role of the member it is made to
     * @param owners the organisation's owner count
     */
    record Locked(Role actor, Role role, long owners) {
    }

    Mono<Void> setRole(UUID orgId, UUID userId, Role role) {
        return db.sql("UPDATE memberships SET role = :role WHERE org_id = :org AND user_id = :user")
                .bind("role", role.wire())
                .bind("org", orgId)
                .bind("user", userId)
                .fetch()
                .rowsUpdated()
                .then();
    }

    Mono<Void> remove(UUID orgId, UUID userId) {
        return db.sql("DELETE FROM memberships WHERE org_id = :org AND user_id = :user")
                .bind("org", orgId)
                .bind("user", userId)
                .fetch()
                .rowsUpdated()
                .then();
    }
}
