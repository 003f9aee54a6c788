package dev.switchboard.api.generation;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;

/**
 * Writes generation records as the recorder does after settlement (same table, same legs
 * invariant), with a chosen creation time, so the readers can be tested at UTC boundaries.
 */
public final class RecordedGenerations {

    private final DatabaseClient db;

    public RecordedGenerations(DatabaseClient db) {
        this.db = db;
    }

    /** A platform-key generation charged {@code upstreamNanos} plus {@code feeNanos}. */
    public String platform(UUID org, String keyHash, String model, String provider, Instant at, long upstreamNanos,
                           long feeNanos) {
        return insert(org, keyHash, model, provider, at, false, upstreamNanos, upstreamNanos, feeNanos, 0);
    }

    /** A BYOK generation worth {@code listNanos} at list price, charged only {@code byokFeeNanos}. */
    public String byok(UUID org, String keyHash, String model, String provider, Instant at, long listNanos, long byokFeeNanos) {
        return insert(org, keyHash, model, provider, at, true, listNanos, 0, 0, byokFeeNanos);
    }

    private String insert(UUID org, String keyHash, String model, String provider, Instant at, boolean byok,
                          long listNanos, long upstreamNanos, long feeNanos, long byokFeeNanos) {
        String id = "gen-test-" + UUID.randomUUID();
        db.sql("""
                        INSERT INTO generations (id, org_id, api_key_hash, model, provider, endpoint_id, byok, streamed,
                            cancelled, finish_reason, prompt_tokens, completion_tokens, reasoning_tokens, prompt_price,
                            completion_price, list_cost_nanos, upstream_cost_nanos, platform_fee_nanos, byok_fee_nanos,
                            total_nanos, created_at, completed_at)
                        VALUES (:id, :org, :key, :model, :provider, :endpoint, :byok, false, false, 'stop', 10, 20, 3,
                            0.000001, 0.000002, :list, :upstream, :fee, :byokFee, :total, :at, :at)""")
                .bind("id", id)
                .bind("org", org)
                .bind("key", Parameter.fromOrEmpty(keyHash, String.class))
                .bind("model", model)
                .bind("provider", provider)
                .bind("endpoint", provider + "/" + model)
                .bind("byok", byok)
                .bind("list", listNanos)
                .bind("upstream", upstreamNanos)
                .bind("fee", feeNanos)
                .bind("byokFee", byokFeeNanos)
                .bind("total", upstreamNanos + feeNanos + byokFeeNanos)
                .bind("at", at.atOffset(ZoneOffset.UTC))
                .then()
                .block();
        return id;
    }
}
