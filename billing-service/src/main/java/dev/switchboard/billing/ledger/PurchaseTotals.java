package dev.switchboard.billing.ledger;

import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.switchboard.contracts.billing.PurchasesView;

/**
 * {@code GET /internal/orgs/{orgId}/purchase-total}: the organisation's purchases net of refunds, which
 * decide its daily allowance on free models. 0 for an organisation without an account.
 */
@RestController
class PurchaseTotals {

    private final DatabaseClient db;

    PurchaseTotals(DatabaseClient db) {
        this.db = db;
    }

    @GetMapping("/internal/orgs/{orgId}/purchase-total")
    Mono<PurchasesView> purchases(@PathVariable UUID orgId) {
        return db.sql("""
                        SELECT coalesce(sum(amount_nanos) FILTER (WHERE kind = 'purchase' AND credit_account = :code), 0)
                             - coalesce(sum(amount_nanos) FILTER (WHERE kind = 'refund' AND debit_account = :code), 0) AS net
                          FROM transfers
                         WHERE (credit_account = :code OR debit_account = :code) AND kind IN ('purchase', 'refund')""")
                .bind("code", AccountCode.org(orgId).value())
                .map(row -> row.get("net", Number.class))
                .one()
                .map(net -> new PurchasesView(orgId, Math.max(0, net.longValue())));
    }
}
