package dev.switchboard.api.byok;

import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

/**
 * Table {@code api.byok_keys}. Every query is scoped to an organisation except the rotation's, so
 * another organisation's id reads as absent.
 */
@Repository
class ByokKeys {

    private static final String COLUMNS = """
            id, org_id, provider, name, label, priority, disabled, base_url, master_key_id, nonce, ciphertext,
            created_at, updated_at""";

    private final DatabaseClient db;

    ByokKeys(DatabaseClient db) {
        this.db = db;
    }

    Mono<ByokKey> insert(ByokKey key) {
        return db.sql("""
                        INSERT INTO byok_keys (id, org_id, provider, name, label, priority, disabled, base_url,
                                               master_key_id, nonce, ciphertext)
                        VALUES (:id, :org, :provider, :name, :label, :priority, :disabled, :base, :mk, :nonce, :ct)
                        RETURNING\s""" + COLUMNS)
                .bind("id", key.id())
                .bind("org", key.orgId())
                .bind("provider", key.provider())
                .bind("name", Parameter.fromOrEmpty(key.name(), String.class))
                .bind("label", key.label())
                .bind("priority", key.priority().code())
                .bind("disabled", key.disabled())
                .bind("base", Parameter.fromOrEmpty(key.baseUrl(), String.class))
                .bind("mk", key.secret().masterKeyId())
                .bind("nonce", key.secret().nonce())
                .bind("ct", key.secret().ciphertext())
                .map(ByokKeys::byokKey)
                .one();
    }

    Mono<ByokKey> find(UUID orgId, UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM byok_keys WHERE id = :id AND org_id = :org")
                .bind("id", id)
                .bind("org", orgId)
                .map(ByokKeys::byokKey)
                .one();
    }

    /** Oldest first, so pages stay stable while keys are added. */
    Flux<ByokKey> list(UUID orgId, String provider, long offset, int limit) {
        return db.sql("SELECT " + COLUMNS + " FROM byok_keys WHERE org_id = :org AND (:provider = '' OR provider = :provider)"
                        + " ORDER BY created_at, id OFFSET :offset LIMIT :limit")
                .bind("org", orgId)
                .bind("provider", provider == null ? "" : provider)
                .bind("offset", offset)
                .bind("limit", limit)
                .map(ByokKeys::byokKey)
                .all();
    }

    Mono<Long> count(UUID orgId, String provider) {
        return db.sql("SELECT count(*) AS n FROM byok_keys WHERE org_id = :org AND (:provider = '' OR provider = :provider)")
                .bind("org", orgId)
                .bind("provider", provider == null ? "" : provider)
                .map(row -> row.get("n", Long.class))
                .one();
    }

    /** The organisation's enabled keys, for routing. */
    Flux<ByokKey> usable(UUID orgId) {
        return db.sql("SELECT " + COLUMNS + " FROM byok_keys WHERE org_id = :org AND NOT disabled ORDER BY created_at, id")
                .bind("org", orgId)
                .map(ByokKeys::byokKey)
                .all();
    }

    /** Writes the mutable fields; empty when the key no longer exists in its organisation. */
    Mono<ByokKey> update(ByokKey key) {
        return db.sql("""
                        UPDATE byok_keys
                           SET name = :name, label = :label, priority = :priority, disabled = :disabled, base_url = :base,
                               master_key_id = :mk, nonce = :nonce, ciphertext = :ct, updated_at = now()
                         WHERE id = :id AND org_id = :org
                        RETURNING\s""" + COLUMNS)
                .bind("name", Parameter.fromOrEmpty(key.name(), String.class))
                .bind("label", key.label())
                .bind("priority", key.priority().code())
                .bind("disabled", key.disabled())
                .bind("base", Parameter.fromOrEmpty(key.baseUrl(), String.class))
                .bind("mk", key.secret().masterKeyId())
                .bind("nonce", key.secret().nonce())
                .bind("ct", key.secret().ciphertext())
                .bind("id", key.id())
                .bind("org", key.orgId())
                .map(ByokKeys::byokKey)
                .one();
    }

    /** Replaces a secret only if it is still the one that was read (rotation racing an edit loses nothing). */
    Mono<Boolean> replaceSecret(ByokKey key, SealedSecret replacement) {
        return db.sql("""
                        UPDATE byok_keys SET master_key_id = :mk, nonce = :nonce, ciphertext = :ct
                         WHERE id = :id AND org_id = :org AND nonce = :oldNonce""")
                .bind("mk", replacement.masterKeyId())
                .bind("nonce", replacement.nonce())
                .bind("ct", replacement.ciphertext())
                .bind("id", key.id())
                .bind("org", key.orgId())
                .bind("oldNonce", key.secret().nonce())
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    /** Every organisation's keys not under {@code activeKeyId}: only for re-encryption. */
    Flux<ByokKey> notUnder(String activeKeyId) {
        return db.sql("SELECT " + COLUMNS + " FROM byok_keys WHERE master_key_id <> :mk ORDER BY id")
                .bind("mk", activeKeyId)
                .map(ByokKeys::byokKey)
                .all();
    }

    Mono<Boolean> delete(UUID orgId, UUID id) {
        return db.sql("DELETE FROM byok_keys WHERE id = :id AND org_id = :org")
                .bind("id", id)
                .bind("org", orgId)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    private static ByokKey byokKey(Readable row) {
        return new ByokKey(
                row.get("id", UUID.class),
                row.get("org_id", UUID.class),
                row.get("provider", String.class),
                row.get("name", String.class),
                row.get("label", String.class),
                ByokPriority.of(row.get("priority", String.class)),
                Boolean.TRUE.equals(row.get("disabled", Boolean.class)),
                row.get("base_url", String.class),
                new SealedSecret(row.get("master_key_id", String.class), bytes(row, "nonce"), bytes(row, "ciphertext")),
                row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class));
    }

    private static byte[] bytes(Readable row, String column) {
        Object value = row.get(column);
        if (value instanceof java.nio.ByteBuffer buffer) {
            byte[] copy = new byte[buffer.remaining()];
            buffer.get(copy);
            return copy;
        }
        return (byte[]) value;
    }
}
