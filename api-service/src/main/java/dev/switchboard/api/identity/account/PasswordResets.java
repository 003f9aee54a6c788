package dev.switchboard.api.identity.account;

import java.time.Instant;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/** Table {@code api.password_resets}: reset tokens by hash, single use. */
@Repository
class PasswordResets {

    private final DatabaseClient db;
    private final TransactionalOperator tx;

    PasswordResets(DatabaseClient db, ReactiveTransactionManager transactions) {
        this.db = db;
        this.tx = TransactionalOperator.create(transactions);
    }

    Mono<Void> insert(String tokenHash, UUID userId, Instant expiresAt) {
        return db.sql("INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES (:hash, :user, :expires)")
                .bind("hash", tokenHash)
                .bind("user", userId)
                .bind("expires", expiresAt)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /**
     * Uses the token, in one transaction: claims it (only if unused and unexpired), sets the new
     * password, bumps the user's session version (which ends every session signed in before) and
     * spends every other outstanding reset token of the user. Empty when the token is not usable.
     *
     * @return the user's address
     */
    Mono<String> use(String tokenHash, String passwordHash) {
        Mono<UUID> claim = db.sql("""
                        UPDATE password_resets SET used_at = now()
                         WHERE token_hash = :hash AND used_at IS NULL AND expires_at > now()
                        RETURNING user_id""")
                .bind("hash", tokenHash)
                .map(row -> row.get("user_id", UUID.class))
                .one();
        return claim.flatMap(userId -> db.sql("""
                                UPDATE users SET password_hash = :password, session_version = session_version + 1
                                 WHERE id = :user RETURNING email""")
                        .bind("password", passwordHash)
                        .bind("user", userId)
                        .map(row -> row.get("email", String.class))
                        .one()
                        .delayUntil(email -> db.sql("UPDATE password_resets SET used_at = now() WHERE user_id = :user AND used_at IS NULL")
                                .bind("user", userId)
                                .fetch()
                                .rowsUpdated()))
                .as(tx::transactional);
    }
}
