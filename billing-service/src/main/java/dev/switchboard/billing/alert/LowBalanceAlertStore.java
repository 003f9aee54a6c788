package dev.switchboard.billing.alert;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import dev.switchboard.billing.ledger.AccountCode;
import dev.switchboard.billing.ledger.BalanceLatch;
import dev.switchboard.contracts.billing.LowBalanceAlert;

/** The alert's latch in {@code credit_settings} and its outbox, {@code low_balance_alerts}. */
@Component
class LowBalanceAlertStore {

    /** The alert fires when the balance reaches its threshold: "at or below". */
    private static final BalanceLatch LATCH =
            new BalanceLatch("low_balance_alert_armed", "low_balance_alert_crossings", "low_balance_alert_nanos", true);

    /** Claims the crossing and writes it to the outbox in one statement: either both happen or neither. */
    private static final String CLAIM = """
            WITH claimed AS (%s)
            INSERT INTO low_balance_alerts (org_id, crossing, balance_nanos, threshold_nanos)
            SELECT org_id, crossing, balance_nanos, threshold_nanos FROM claimed
            RETURNING org_id, crossing, balance_nanos, threshold_nanos, created_at"""
            .formatted(LATCH.claim("true", "org_id, low_balance_alert_crossings AS crossing, "
                    + "low_balance_alert_nanos AS threshold_nanos, " + BalanceLatch.BALANCE + " AS balance_nanos"));

    private static final String COLUMNS = "org_id, crossing, balance_nanos, threshold_nanos, created_at";

    /** Bounds one sweep of the outbox at start; whatever is left goes out with the organisation's next change. */
    private static final int BACKLOG_LIMIT = 1_000;

    private final DatabaseClient db;

    LowBalanceAlertStore(DatabaseClient db) {
        this.db = db;
    }

    /** The organisations among {@code orgIds} that have set an alert threshold. */
    Flux<UUID> withThreshold(Collection<UUID> orgIds) {
        return db.sql("SELECT org_id FROM credit_settings WHERE org_id = ANY(CAST(:orgs AS uuid[])) "
                        + "AND low_balance_alert_nanos IS NOT NULL")
                .bind("orgs", uuids(orgIds))
                .map(row -> row.get("org_id", UUID.class))
                .all();
    }

    /** The new crossing, recorded for publishing; empty if the alert is disarmed or the balance is above. */
    Mono<LowBalanceAlert> claim(UUID orgId) {
        return db.sql(CLAIM)
                .bind("org", orgId)
                .bind("code", AccountCode.org(orgId).value())
                .map(LowBalanceAlertStore::alert)
                .one();
    }

    /** The balance is above the threshold again: the next crossing alerts. */
    Mono<Void> rearm(UUID orgId) {
        return db.sql(LATCH.rearm())
                .bind("org", orgId)
                .bind("code", AccountCode.org(orgId).value())
                .then();
    }

    /** Crossings of these organisations not yet on the stream, oldest first. */
    Flux<LowBalanceAlert> unpublished(Collection<UUID> orgIds) {
        return db.sql("SELECT " + COLUMNS + " FROM low_balance_alerts "
                        + "WHERE org_id = ANY(CAST(:orgs AS uuid[])) AND published_at IS NULL ORDER BY created_at, crossing")
                .bind("orgs", uuids(orgIds))
                .map(LowBalanceAlertStore::alert)
                .all();
    }

    /** Crossings of any organisation not yet on the stream, oldest first. */
    Flux<LowBalanceAlert> unpublished() {
        return db.sql("SELECT " + COLUMNS + " FROM low_balance_alerts WHERE published_at IS NULL "
                        + "ORDER BY created_at, crossing LIMIT :limit")
                .bind("limit", BACKLOG_LIMIT)
                .map(LowBalanceAlertStore::alert)
                .all();
    }

    Mono<Void> markPublished(LowBalanceAlert alert) {
        return db.sql("UPDATE low_balance_alerts SET published_at = now() "
                        + "WHERE org_id = :org AND crossing = :crossing AND published_at IS NULL")
                .bind("org", alert.orgId())
                .bind("crossing", alert.crossing())
                .then();
    }

    private static String[] uuids(Collection<UUID> orgIds) {
        return orgIds.stream().map(UUID::toString).toArray(String[]::new);
    }

    private static LowBalanceAlert alert(Readable row) {
        return new LowBalanceAlert(row.get("org_id", UUID.class), row.get("crossing", Long.class),
                row.get("balance_nanos", Long.class), row.get("threshold_nanos", Long.class),
                row.get("created_at", OffsetDateTime.class).toInstant());
    }
}
