package dev.switchboard.billing.stripe;

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import dev.switchboard.billing.ledger.AccountCode;
import dev.switchboard.billing.ledger.BalanceLatch;

/** The {@code credit_settings} table, including the auto top-up crossing state. */
@Component
class CreditSettingsStore {

    /** Auto top-up fires once per crossing strictly below its threshold. */
    private static final BalanceLatch TOP_UP =
            new BalanceLatch("auto_topup_armed", "auto_topup_crossings", "auto_topup_threshold_nanos", false);

    private final DatabaseClient db;

    CreditSettingsStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<OrgCreditSettings> get(UUID orgId) {
        return db.sql("""
                        SELECT org_id, low_balance_alert_nanos, auto_topup_enabled, auto_topup_threshold_nanos,
                               auto_topup_amount_nanos, stripe_customer_id, payment_method_id
                        FROM credit_settings WHERE org_id = :org""")
                .bind("org", orgId)
                .map(CreditSettingsStore::settings)
                .one()
                .defaultIfEmpty(OrgCreditSettings.defaults(orgId));
    }

    /**
     * Saves the organisation's choices. A changed auto top-up threshold re-arms auto top-up (a balance
     * already below it tops up at once) unless an auto top-up is still pending: re-armed then, the next
     * check would charge a second time for a balance the pending one is about to raise. A changed alert threshold disarms the alert until the balance
     * is seen above it, because the alert is about crossing it, not about being below it when it was set.
     */
    Mono<Void> update(UUID orgId, Long lowBalanceAlertNanos, boolean enabled, Long thresholdNanos, Long amountNanos) {
        return db.sql("""
                        INSERT INTO credit_settings (org_id, low_balance_alert_nanos, auto_topup_enabled,
                                                     auto_topup_threshold_nanos, auto_topup_amount_nanos)
                        VALUES (:org, :alert, :enabled, :threshold, :amount)
                        ON CONFLICT (org_id) DO UPDATE SET
                            low_balance_alert_nanos = EXCLUDED.low_balance_alert_nanos,
                            auto_topup_enabled = EXCLUDED.auto_topup_enabled,
                            auto_topup_threshold_nanos = EXCLUDED.auto_topup_threshold_nanos,
                            auto_topup_amount_nanos = EXCLUDED.auto_topup_amount_nanos,
                            auto_topup_armed = credit_settings.auto_topup_armed
                                OR (credit_settings.auto_topup_threshold_nanos IS DISTINCT FROM EXCLUDED.auto_topup_threshold_nanos
                                    AND NOT EXISTS (SELECT 1 FROM purchases p WHERE p.org_id = credit_settings.org_id
                                                    AND p.origin = 'auto_topup' AND p.status = 'pending')),
                            low_balance_alert_armed = credit_settings.low_balance_alert_armed
                                AND credit_settings.low_balance_alert_nanos IS NOT DISTINCT FROM EXCLUDED.low_balance_alert_nanos,
                            updated_at = now()""")
                .bind("org", orgId)
                .bind("alert", Parameter.fromOrEmpty(lowBalanceAlertNanos, Long.class))
                .bind("enabled", enabled)
                .bind("threshold", Parameter.fromOrEmpty(thresholdNanos, Long.class))
                .bind("amount", Parameter.fromOrEmpty(amountNanos, Long.class))
                .then();
    }

    Mono<Void> saveCustomer(UUID orgId, String customerId) {
        return db.sql("""
                        INSERT INTO credit_settings (org_id, stripe_customer_id) VALUES (:org, :customer)
                        ON CONFLICT (org_id) DO UPDATE SET
                            stripe_customer_id = COALESCE(credit_settings.stripe_customer_id, EXCLUDED.stripe_customer_id),
                            updated_at = now()""")
                .bind("org", orgId)
                .bind("customer", customerId)
                .then();
    }

    /** The card a paid checkout saved for off-session use (the latest one wins). */
    Mono<Void> savePaymentMethod(UUID orgId, String customerId, String paymentMethodId) {
        return db.sql("""
                        INSERT INTO credit_settings (org_id, stripe_customer_id, payment_method_id)
                        VALUES (:org, :customer, :method)
                        ON CONFLICT (org_id) DO UPDATE SET
                            stripe_customer_id = COALESCE(EXCLUDED.stripe_customer_id, credit_settings.stripe_customer_id),
                            payment_method_id = EXCLUDED.payment_method_id,
                            updated_at = now()""")
                .bind("org", orgId)
                .bind("customer", Parameter.fromOrEmpty(customerId, String.class))
                .bind("method", paymentMethodId)
                .then();
    }

    /** The organisations among {@code orgIds} whose auto top-up is on and has a card to charge. */
    Flux<UUID> withAutoTopup(Collection<UUID> orgIds) {
        return db.sql("""
                        SELECT org_id FROM credit_settings
                        WHERE org_id = ANY(CAST(:orgs AS uuid[])) AND auto_topup_enabled AND payment_method_id IS NOT NULL""")
                .bind("orgs", orgIds.stream().map(UUID::toString).toArray(String[]::new))
                .map(row -> row.get("org_id", UUID.class))
                .all();
    }

    /**
     * Claims the current crossing below the threshold and writes its pending purchase, in one statement
     * (an outbox: no crossing is used up without a purchase to retry): disarms auto top-up, numbers the
     * crossing ({@link #TOP_UP}) and inserts {@code pur_auto_<org hex>_<crossing>}. Empty if it was
     * already disarmed (this crossing has fired), is off, has no card, the balance is no longer below
     * the threshold, or the amount is no longer {@code settingNanos} (the settings changed meanwhile).
     */
    Mono<PendingTopUp> claimCrossing(UUID orgId, long settingNanos, long amountNanos, long feeNanos, long chargedCents) {
        return db.sql("""
                        WITH claimed AS (%s),
                        pending AS (
                            INSERT INTO purchases (id, org_id, origin, amount_nanos, fee_nanos, charged_cents, status)
                            SELECT 'pur_auto_' || replace(org_id::text, '-', '') || '_' || auto_topup_crossings,
                                   org_id, 'auto_topup', :amount, :fee, :charged, 'pending'
                            FROM claimed
                            RETURNING id, org_id, charged_cents, created_at)
                        SELECT p.id, p.org_id, c.auto_topup_crossings AS crossing, p.charged_cents, p.created_at,
                               c.stripe_customer_id, c.payment_method_id
                        FROM pending p JOIN claimed c ON c.org_id = p.org_id""".formatted(TOP_UP.claim(
                        "auto_topup_enabled AND payment_method_id IS NOT NULL AND auto_topup_amount_nanos = :setting",
                        "org_id, auto_topup_crossings, stripe_customer_id, payment_method_id")))
                .bind("org", orgId)
                .bind("code", AccountCode.org(orgId).value())
                .bind("setting", settingNanos)
                .bind("amount", amountNanos)
                .bind("fee", feeNanos)
                .bind("charged", chargedCents)
                .map(CreditSettingsStore::pendingTopUp)
                .one();
    }

    /**
     * The auto top-ups of {@code orgIds} (all organisations if null) still waiting for Stripe's answer,
     * oldest first, with the card they were charged to (the crossing is the last part of the id).
     */
    Flux<PendingTopUp> pendingTopUps(Collection<UUID> orgIds) {
        String which = orgIds == null ? "" : " AND p.org_id = ANY(CAST(:orgs AS uuid[]))";
        DatabaseClient.GenericExecuteSpec query = db.sql("""
                SELECT p.id, p.org_id, CAST(split_part(p.id, '_', 4) AS bigint) AS crossing, p.charged_cents,
                       p.created_at, s.stripe_customer_id, s.payment_method_id
                FROM purchases p JOIN credit_settings s ON s.org_id = p.org_id
                WHERE p.origin = 'auto_topup' AND p.status = 'pending'""" + which + " ORDER BY p.created_at");
        if (orgIds != null) {
            query = query.bind("orgs", orgIds.stream().map(UUID::toString).toArray(String[]::new));
        }
        return query.map(CreditSettingsStore::pendingTopUp).all();
    }

    /**
     * The balance is back at or above the threshold: the next crossing may fire again. Checked again
     * in the statement, so a check that saw the balance before a spend cannot re-arm a crossing whose
     * top-up is still in flight.
     */
    Mono<Void> rearm(UUID orgId) {
        return db.sql(TOP_UP.rearm())
                .bind("org", orgId)
                .bind("code", AccountCode.org(orgId).value())
                .then();
    }

    private static OrgCreditSettings settings(Readable row) {
        return new OrgCreditSettings(
                row.get("org_id", UUID.class),
                row.get("low_balance_alert_nanos", Long.class),
                Boolean.TRUE.equals(row.get("auto_topup_enabled", Boolean.class)),
                row.get("auto_topup_threshold_nanos", Long.class),
                row.get("auto_topup_amount_nanos", Long.class),
                row.get("stripe_customer_id", String.class),
                row.get("payment_method_id", String.class));
    }

    private static PendingTopUp pendingTopUp(Readable row) {
        return new PendingTopUp(
                row.get("id", String.class),
                row.get("org_id", UUID.class),
                row.get("crossing", Long.class),
                row.get("charged_cents", Long.class),
                row.get("created_at", Instant.class),
                row.get("stripe_customer_id", String.class),
                row.get("payment_method_id", String.class));
    }

    /** One fired crossing and its pending purchase, charged (and re-charged) with {@link #idempotencyKey()}. */
    record PendingTopUp(String purchaseId, UUID orgId, long crossing, long chargedCents, Instant createdAt,
                        String customerId, String paymentMethodId) {

        String idempotencyKey() {
            return "auto-topup:" + orgId + ":" + crossing;
        }
    }
}
