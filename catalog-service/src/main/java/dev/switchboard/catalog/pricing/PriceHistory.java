package dev.switchboard.catalog.pricing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import dev.switchboard.catalog.error.CatalogException;
import dev.switchboard.contracts.catalog.Prices;

/** Reads and appends the price rows of endpoints. Rows are never updated (the schema forbids it). */
@Component
class PriceHistory {

    private final DatabaseClient db;
    private final Clock clock = Clock.systemUTC();

    PriceHistory(DatabaseClient db) {
        this.db = db;
    }

    /** The price in force for a request to {@code endpointId} starting at {@code at}; empty if none. */
    Mono<Prices> inForce(UUID endpointId, Instant at) {
        return db.sql("""
                        SELECT * FROM price
                        WHERE endpoint_id = :endpoint AND effective_from <= :at
                        ORDER BY effective_from DESC
                        LIMIT 1
                        """)
                .bind("endpoint", endpointId)
                .bind("at", microseconds(at))
                .map(PriceHistory::prices)
                .one();
    }

    /**
     * Appends a price row. It may not take effect in the past: requests already priced must keep the
     * price they were charged at, and a back-dated row would change what "in force at t" meant.
     */
    Mono<Prices> add(UUID endpointId, PriceChange change) {
        Instant now = clock.instant();
        Instant effectiveFrom = change.effectiveFrom() == null ? now : change.effectiveFrom();
        if (effectiveFrom.isBefore(now.minusSeconds(1))) {
            return Mono.error(CatalogException.badRequest("effectiveFrom must not be in the past"));
        }
        return db.sql("""
                        INSERT INTO price (endpoint_id, effective_from, prompt, completion, cache_read, cache_write,
                                           request, image)
                        SELECT id, :from, :prompt, :completion, :cacheRead, :cacheWrite, :request, :image
                        FROM endpoint WHERE id = :endpoint
                        RETURNING *
                        """)
                .bind("endpoint", endpointId)
                .bind("from", microseconds(effectiveFrom))
                .bind("prompt", decimal("prompt", change.prompt()))
                .bind("completion", decimal("completion", change.completion()))
                .bind("cacheRead", decimal("cacheRead", change.cacheRead()))
                .bind("cacheWrite", decimal("cacheWrite", change.cacheWrite()))
                .bind("request", decimal("request", change.request()))
                .bind("image", decimal("image", change.image()))
                .map(PriceHistory::prices)
                .one()
                .switchIfEmpty(Mono.error(() -> CatalogException.notFound("no endpoint " + endpointId, Map.of())));
    }

    /**
     * PostgreSQL keeps microseconds and would round a finer instant to the nearest one, possibly
     * upwards; truncating in both directions keeps "effective at t" exact for the instant given.
     */
    private static OffsetDateTime microseconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static BigDecimal decimal(String field, String value) {
        if (value == null || value.isBlank()) {
            return BigDecimal.ZERO;
        }
        try {
            BigDecimal d = new BigDecimal(value);
            if (d.signum() < 0) {
                throw CatalogException.badRequest(field + " must not be negative");
            }
            return d;
        } catch (NumberFormatException e) {
            throw CatalogException.badRequest(field + " must be a decimal string such as \"0.0000025\"");
        }
    }

    private static Prices prices(Readable row) {
        return new Prices(
                String.valueOf(row.get("id", UUID.class)),
                plain(row.get("prompt", BigDecimal.class)),
                plain(row.get("completion", BigDecimal.class)),
                plain(row.get("cache_read", BigDecimal.class)),
                plain(row.get("cache_write", BigDecimal.class)),
                plain(row.get("request", BigDecimal.class)),
                plain(row.get("image", BigDecimal.class)),
                row.get("effective_from", OffsetDateTime.class).toInstant());
    }

    private static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
