package dev.switchboard.api.identity.keys;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Key usage counters, summed from the organisation's generation records.
 *
 * <p>Why generation records and not the ledger: the ledger's transfers are per organisation and
 * carry no key, while every generation record carries its key hash and the exact legs that were
 * posted (same usage event, same generation id, both idempotent), so the sums are the ledger's to
 * the nano — only later by the few hundred milliseconds the batched recorder takes. The index
 * {@code generations_key_created} makes each sum a range scan of one key.
 */
@Repository
class KeyUsageReader {

    private final DatabaseClient db;
    private final Clock clock;

    KeyUsageReader(DatabaseClient db, ObjectProvider<Clock> clock) {
        this.db = db;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    UsageWindows windows() {
        return UsageWindows.at(clock);
    }

    Mono<KeyUsage> usage(ApiKey key) {
        return usage(key.orgId(), Map.of(key.hash(), key)).map(all -> all.getOrDefault(key.hash(), KeyUsage.NONE));
    }

    /** The usage of each of {@code keys} (all of organisation {@code orgId}), by hash. */
    Mono<Map<String, KeyUsage>> usage(UUID orgId, Map<String, ApiKey> keys) {
        if (keys.isEmpty()) {
            return Mono.just(Map.of());
        }
        UsageWindows windows = windows();
        Collection<ApiKey> all = keys.values();
        return db.sql("""
                        SELECT g.api_key_hash AS hash,
                               coalesce(sum(g.total_nanos), 0) AS total,
                               coalesce(sum(g.total_nanos) FILTER (WHERE g.created_at >= :day), 0) AS daily,
                               coalesce(sum(g.total_nanos) FILTER (WHERE g.created_at >= :week), 0) AS weekly,
                               coalesce(sum(g.total_nanos) FILTER (WHERE g.created_at >= :month), 0) AS monthly,
                               coalesce(sum(g.list_cost_nanos) FILTER (WHERE g.byok), 0) AS byok,
                               coalesce(sum(g.list_cost_nanos) FILTER (WHERE g.byok AND g.created_at >= :day), 0) AS byok_daily,
                               coalesce(sum(g.list_cost_nanos) FILTER (WHERE g.byok AND g.created_at >= :week), 0) AS byok_weekly,
                               coalesce(sum(g.list_cost_nanos) FILTER (WHERE g.byok AND g.created_at >= :month), 0) AS byok_monthly,
                               coalesce(sum(g.total_nanos) FILTER (WHERE g.created_at >= p.period), 0) AS period,
                               coalesce(sum(g.list_cost_nanos) FILTER (WHERE g.byok AND g.created_at >= p.period), 0) AS period_byok
                          FROM generations g
                          JOIN unnest(CAST(:hashes AS text[]), CAST(:periods AS timestamptz[])) AS p(hash, period)
                            ON p.hash = g.api_key_hash
                         WHERE g.org_id = :org
                         GROUP BY g.api_key_hash""")
                .bind("day", utc(windows.dayStart()))
                .bind("week", utc(windows.weekStart()))
                .bind("month", utc(windows.monthStart()))
                .bind("hashes", all.stream().map(ApiKey::hash).toArray(String[]::new))
                .bind("periods", all.stream().map(k -> utc(windows.periodStart(k.limitReset()))).toArray(OffsetDateTime[]::new))
                .bind("org", orgId)
                .map(KeyUsageReader::row)
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new)
                .map(Map::copyOf);
    }

    private static Map.Entry<String, KeyUsage> row(Readable row) {
        return Map.entry(row.get("hash", String.class), new KeyUsage(
                n(row, "total"), n(row, "daily"), n(row, "weekly"), n(row, "monthly"),
                n(row, "byok"), n(row, "byok_daily"), n(row, "byok_weekly"), n(row, "byok_monthly"),
                n(row, "period"), n(row, "period_byok")));
    }

    private static long n(Readable row, String column) {
        Number value = row.get(column, Number.class);
        return value == null ? 0 : value.longValue();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
