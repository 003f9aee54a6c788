package dev.switchboard.api.identity.keys;

import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

/**
 * Table {@code api.api_keys}. Every query but {@link #findByHash} is scoped to an organisation, so
 * a hash from another organisation reads as absent.
 */
@Repository
class ApiKeys {

    private static final String COLUMNS = """
            hash, org_id, creator_user_id, name, label, is_management_key, disabled, limit_nanos, limit_reset,
            include_byok_in_limit, expires_at, created_at, updated_at""";

    private final DatabaseClient db;

    ApiKeys(DatabaseClient db) {
        this.db = db;
    }

    Mono<ApiKey> insert(ApiKey key) {
        return db.sql("""
                        INSERT INTO api_keys (hash, org_id, creator_user_id, name, label, is_management_key, limit_nanos,
                                              limit_reset, include_byok_in_limit, expires_at)
                        VALUES (:hash, :org, :creator, :name, :label, :management, :limit, :reset, :byok, :expires)
                        RETURNING\s""" + COLUMNS)
                .bind("hash", key.hash())
                .bind("org", key.orgId())
                .bind("creator", key.creatorUserId())
                .bind("name", key.name())
                .bind("label", key.label())
                .bind("management", key.management())
                .bind("limit", Parameter.fromOrEmpty(key.limitNanos(), Long.class))
                .bind("reset", Parameter.fromOrEmpty(key.limitReset(), String.class))
                .bind("byok", key.includeByokInLimit())
                .bind("expires", Parameter.fromOrEmpty(key.expiresAt(), Instant.class))
                .map(ApiKeys::apiKey)
                .one();
    }

    /** Any organisation's key: only for authenticating a presented key. */
    Mono<ApiKey> findByHash(String hash) {
        return db.sql("SELECT " + COLUMNS + " FROM api_keys WHERE hash = :hash")
                .bind("hash", hash)
                .map(ApiKeys::apiKey)
                .one();
    }

    Mono<ApiKey> find(UUID orgId, String hash) {
        return db.sql("SELECT " + COLUMNS + " FROM api_keys WHERE hash = :hash AND org_id = :org")
                .bind("hash", hash)
                .bind("org", orgId)
                .map(ApiKeys::apiKey)
                .one();
    }

    /**
     * Oldest first, so that pages stay stable while keys are added.
     *
     * @param creator only the keys this user created, or {@code null} for every key of the organisation
     */
    Flux<ApiKey> list(UUID orgId, UUID creator, boolean includeDisabled, long offset, int pageSize) {
        return db.sql("SELECT " + COLUMNS + " FROM api_keys WHERE org_id = :org AND (:all OR NOT disabled)"
                        + " AND (CAST(:creator AS uuid) IS NULL OR creator_user_id = :creator)"
                        + " ORDER BY created_at, hash OFFSET :offset LIMIT :size")
                .bind("org", orgId)
                .bind("creator", Parameter.fromOrEmpty(creator, UUID.class))
                .bind("all", includeDisabled)
                .bind("offset", offset)
                .bind("size", pageSize)
                .map(ApiKeys::apiKey)
                .all();
    }

    /** Writes the mutable fields of {@code key}; empty when it no longer exists in its organisation. */
    Mono<ApiKey> update(ApiKey key) {
        return db.sql("""
                        UPDATE api_keys
                           SET name = :name, disabled = :disabled, limit_nanos = :limit, limit_reset = :reset,
                               include_byok_in_limit = :byok, updated_at = now()
                         WHERE hash = :hash AND org_id = :org
                        RETURNING\s""" + COLUMNS)
                .bind("name", key.name())
                .bind("disabled", key.disabled())
                .bind("limit", Parameter.fromOrEmpty(key.limitNanos(), Long.class))
                .bind("reset", Parameter.fromOrEmpty(key.limitReset(), String.class))
                .bind("byok", key.includeByokInLimit())
                .bind("hash", key.hash())
                .bind("org", key.orgId())
                .map(ApiKeys::apiKey)
                .one();
    }

    /** @return whether a key was deleted */
    Mono<Boolean> delete(UUID orgId, String hash) {
        return db.sql("DELETE FROM api_keys WHERE hash = :hash AND org_id = :org")
                .bind("hash", hash)
                .bind("org", orgId)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    private static ApiKey apiKey(Readable row) {
        return new ApiKey(
                row.get("hash", String.class),
                row.get("org_id", UUID.class),
                row.get("creator_user_id", UUID.class),
                row.get("name", String.class),
                row.get("label", String.class),
                Boolean.TRUE.equals(row.get("is_management_key", Boolean.class)),
                Boolean.TRUE.equals(row.get("disabled", Boolean.class)),
                row.get("limit_nanos", Long.class),
                row.get("limit_reset", String.class),
                Boolean.TRUE.equals(row.get("include_byok_in_limit", Boolean.class)),
                row.get("expires_at", Instant.class),
                row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class));
    }
}
