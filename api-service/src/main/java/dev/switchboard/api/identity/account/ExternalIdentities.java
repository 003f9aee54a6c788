package dev.switchboard.api.identity.account;

import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** Table {@code api.external_identities}: which user a GitHub or Google account signs in as. */
@Repository
class ExternalIdentities {

    private final DatabaseClient db;

    ExternalIdentities(DatabaseClient db) {
        this.db = db;
    }

    Mono<UUID> userOf(String provider, String subject) {
        return db.sql("SELECT user_id FROM external_identities WHERE provider = :provider AND subject = :subject")
                .bind("provider", provider)
                .bind("subject", subject)
                .map(row -> row.get("user_id", UUID.class))
                .one();
    }

    /** Links the provider's account to the user; a link that exists already stays as it is. */
    Mono<Void> link(String provider, String subject, UUID userId) {
        return db.sql("""
                        INSERT INTO external_identities (provider, subject, user_id) VALUES (:provider, :subject, :user)
                        ON CONFLICT (provider, subject) DO NOTHING""")
                .bind("provider", provider)
                .bind("subject", subject)
                .bind("user", userId)
                .fetch()
                .rowsUpdated()
                .then();
    }
}
