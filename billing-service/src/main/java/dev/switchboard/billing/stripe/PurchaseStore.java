package dev.switchboard.billing.stripe;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

/**
 * The {@code purchases} and {@code stripe_events} tables. Facts from Stripe only ever move forward:
 * a purchase goes from pending to paid (or failed), never back, and the refunded amount only grows,
 * so events applied in any order and any number of times end in the same row.
 */
@Component
class PurchaseStore {

    private static final String COLUMNS = """
            id, org_id, origin, amount_nanos, fee_nanos, charged_cents, status, session_id, payment_intent_id,
            receipt_url, refunded_cents, reversed_nanos, created_at, paid_at""";

    private final DatabaseClient db;

    PurchaseStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> insertPending(String id, UUID orgId, String origin, long amountNanos, long feeNanos,
                             long chargedCents, String paymentIntentId) {
        return db.sql("""
                        INSERT INTO purchases (id, org_id, origin, amount_nanos, fee_nanos, charged_cents, status,
                                               payment_intent_id)
                        VALUES (:id, :org, :origin, :amount, :fee, :charged, 'pending', :intent)""")
                .bind("id", id)
                .bind("org", orgId)
                .bind("origin", origin)
                .bind("amount", amountNanos)
                .bind("fee", feeNanos)
                .bind("charged", chargedCents)
                .bind("intent", Parameter.fromOrEmpty(paymentIntentId, String.class))
                .then();
    }

    Mono<Void> attachSession(String id, String sessionId) {
        return db.sql("UPDATE purchases SET session_id = :session WHERE id = :id AND session_id IS NULL")
                .bind("id", id)
                .bind("session", sessionId)
                .then();
    }

    /** Records what Stripe said; only moves forward (see the class comment). */
    Mono<Void> recordFacts(String id, StripeFacts facts) {
        return db.sql("""
                        UPDATE purchases SET
                            status = CASE WHEN status = 'paid' THEN 'paid'
                                          WHEN :paid THEN 'paid'
                                          WHEN :failed AND status = 'pending' THEN 'failed'
                                          ELSE status END,
                            paid_at = CASE WHEN status <> 'paid' AND :paid THEN now() ELSE paid_at END,
                            session_id = COALESCE(session_id, :session),
                            payment_intent_id = COALESCE(payment_intent_id, :intent),
                            receipt_url = COALESCE(:receipt, receipt_url),
                            refunded_cents = GREATEST(refunded_cents, LEAST(:refunded, charged_cents))
                        WHERE id = :id""")
                .bind("id", id)
                .bind("paid", facts.paid())
                .bind("failed", facts.failed())
                .bind("session", Parameter.fromOrEmpty(facts.sessionId(), String.class))
                .bind("intent", Parameter.fromOrEmpty(facts.paymentIntentId(), String.class))
                .bind("receipt", Parameter.fromOrEmpty(facts.receiptUrl(), String.class))
                .bind("refunded", facts.refundedCents())
                .then();
    }

    Mono<Void> recordReversed(String id, long reversedNanos) {
        return db.sql("UPDATE purchases SET reversed_nanos = :reversed WHERE id = :id")
                .bind("id", id)
                .bind("reversed", reversedNanos)
                .then();
    }

    /** The purchase, locked until the transaction ends: its ledger postings are decided one at a time. */
    Mono<Purchase> lock(String id) {
        return db.sql("SELECT " + COLUMNS + " FROM purchases WHERE id = :id FOR UPDATE")
                .bind("id", id)
                .map(PurchaseStore::purchase)
                .one();
    }

    Mono<Purchase> find(String id) {
        return db.sql("SELECT " + COLUMNS + " FROM purchases WHERE id = :id")
                .bind("id", id)
                .map(PurchaseStore::purchase)
                .one();
    }

    /** The purchase a Stripe object names: by our id in its metadata, else by session or payment intent. */
    Mono<String> idOf(String metadataPurchaseId, String sessionId, String paymentIntentId) {
        return db.sql("""
                        SELECT id FROM purchases
                        WHERE id = :id OR session_id = :session OR payment_intent_id = :intent
                        LIMIT 1""")
                .bind("id", metadataPurchaseId == null ? "" : metadataPurchaseId)
                .bind("session", sessionId == null ? "" : sessionId)
                .bind("intent", paymentIntentId == null ? "" : paymentIntentId)
                .map(row -> row.get("id", String.class))
                .one();
    }

    /** The organisation's purchases on {@code page}, newest first; the keyset never reaches another organisation's. */
    Flux<Purchase> ofOrg(UUID orgId, HistoryPage page) {
        String after = page.first() ? "" : " AND (created_at, id) < (:beforeAt, :beforeId)";
        DatabaseClient.GenericExecuteSpec query = db.sql("SELECT " + COLUMNS + " FROM purchases WHERE org_id = :org"
                        + after + " ORDER BY created_at DESC, id DESC LIMIT :limit")
                .bind("org", orgId)
                .bind("limit", page.limit());
        if (!page.first()) {
            query = query.bind("beforeAt", page.beforeCreatedAt().atOffset(ZoneOffset.UTC))
                    .bind("beforeId", page.beforeId());
        }
        return query.map(PurchaseStore::purchase)
                .all();
    }

    /** Records an event id; true if it is new (this delivery handles it), false for a replay. */
    Mono<Boolean> recordEvent(String eventId, String type) {
        return db.sql("INSERT INTO stripe_events (id, type) VALUES (:id, :type) ON CONFLICT (id) DO NOTHING")
                .bind("id", eventId)
                .bind("type", type)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    private static Purchase purchase(Readable row) {
        return new Purchase(
                row.get("id", String.class),
                row.get("org_id", UUID.class),
                row.get("origin", String.class),
                row.get("amount_nanos", Long.class),
                row.get("fee_nanos", Long.class),
                row.get("charged_cents", Long.class),
                row.get("status", String.class),
                row.get("session_id", String.class),
                row.get("payment_intent_id", String.class),
                row.get("receipt_url", String.class),
                row.get("refunded_cents", Long.class),
                row.get("reversed_nanos", Long.class),
                row.get("created_at", Instant.class),
                row.get("paid_at", Instant.class));
    }
}
