package dev.switchboard.catalog.availability;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import dev.switchboard.contracts.catalog.AttemptOutcome;

/**
 * Stores reported attempts and computes the windows from them in one SQL pass. A batch is one
 * statement ({@code jsonb_to_recordset}); attempts for unknown endpoints are dropped rather than
 * failing the batch, since a report may race an endpoint's removal.
 */
@Component
class AttemptLog {

    /** How long attempts are kept: the longest window. */
    static final Duration RETENTION = Duration.ofDays(1);

    private final DatabaseClient db;
    private final ObjectMapper json;

    AttemptLog(DatabaseClient db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /**
     * OpenRouter's rule: 400, 413 and 429 are the caller's problem and count neither way; any other
     * status below 400 (or a completed stream) is a success, everything else a failure.
     */
    static boolean counted(AttemptOutcome a) {
        return a.httpStatus() != 400 && a.httpStatus() != 413 && a.httpStatus() != 429;
    }

    static boolean success(AttemptOutcome a) {
        return a.httpStatus() >= 200 && a.httpStatus() < 400;
    }

    Mono<Long> record(List<AttemptOutcome> attempts) {
        List<Row> rows = attempts.stream()
                .filter(AttemptLog::counted)
                .map(a -> new Row(a.endpointId(), a.startedAt().toString(), success(a), a.ttftMs(),
                        a.durationMs(), a.outputTokens()))
                .toList();
        if (rows.isEmpty()) {
            return Mono.just(0L);
        }
        return db.sql("""
                        INSERT INTO attempt (endpoint_id, started_at, success, ttft_ms, duration_ms, output_tokens)
                        SELECT e.id, r."startedAt", r.success, r."ttftMs", r."durationMs", r."outputTokens"
                        FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r("endpointId" text,
                             "startedAt" timestamptz, success boolean, "ttftMs" integer, "durationMs" integer,
                             "outputTokens" integer)
                        JOIN endpoint e ON e.id::text = r."endpointId"
                        """)
                .bind("rows", json.writeValueAsString(rows))
                .fetch()
                .rowsUpdated();
    }

    Mono<Long> prune() {
        return db.sql("DELETE FROM attempt WHERE started_at < now() - CAST(:retention AS interval)")
                .bind("retention", RETENTION.toSeconds() + " seconds")
                .fetch()
                .rowsUpdated();
    }

    /** The windows of every endpoint with an attempt in the last day, as of the database's now(). */
    Mono<Map<String, EndpointStats>> windows() {
        return db.sql("""
                        WITH recent AS (
                            SELECT *, started_at > now() - interval '30 minutes' AS in30m
                            FROM attempt
                            WHERE started_at > now() - interval '1 day'
                        )
                        SELECT endpoint_id,
                               count(*) FILTER (WHERE success AND started_at > now() - interval '5 minutes') AS ok5,
                               count(*) FILTER (WHERE started_at > now() - interval '5 minutes') AS all5,
                               count(*) FILTER (WHERE success AND in30m) AS ok30,
                               count(*) FILTER (WHERE in30m) AS all30,
                               count(*) FILTER (WHERE success) AS ok1d,
                               count(*) AS all1d,
                               percentile_cont(ARRAY[0.5, 0.75, 0.9, 0.99]) WITHIN GROUP (ORDER BY ttft_ms / 1000.0)
                                   FILTER (WHERE success AND in30m AND ttft_ms IS NOT NULL) AS latency,
                               percentile_cont(ARRAY[0.5, 0.75, 0.9, 0.99]) WITHIN GROUP
                                   (ORDER BY output_tokens * 1000.0 / (duration_ms - ttft_ms))
                                   FILTER (WHERE success AND in30m AND ttft_ms IS NOT NULL
                                           AND duration_ms > ttft_ms AND output_tokens > 0) AS throughput
                        FROM recent
                        GROUP BY endpoint_id
                        """)
                .map(AttemptLog::stats)
                .all()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Map.Entry<String, EndpointStats> stats(Readable row) {
        EndpointStats stats = new EndpointStats(
                uptime(row, "ok5", "all5"),
                uptime(row, "ok30", "all30"),
                uptime(row, "ok1d", "all1d"),
                percentiles(row.get("latency", Double[].class)),
                percentiles(row.get("throughput", Double[].class)));
        return Map.entry(String.valueOf(row.get("endpoint_id", UUID.class)), stats);
    }

    private static Double uptime(Readable row, String successes, String all) {
        long total = row.get(all, Long.class);
        if (total == 0) {
            return null;
        }
        return 100.0 * row.get(successes, Long.class) / total;
    }

    private static EndpointStats.Percentiles percentiles(Double[] p) {
        if (p == null || p.length < 4 || p[0] == null) {
            return null;
        }
        return new EndpointStats.Percentiles(p[0], p[1], p[2], p[3]);
    }

    /** One stored attempt, in the JSON shape the insert statement expands. */
    private record Row(String endpointId, String startedAt, boolean success, Long ttftMs, long durationMs,
                       long outputTokens) {
    }
}
