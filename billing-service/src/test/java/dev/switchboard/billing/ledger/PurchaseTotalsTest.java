package dev.switchboard.billing.ledger;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import dev.switchboard.billing.BillingServiceTest;
import dev.switchboard.contracts.billing.GrantRequest;
import dev.switchboard.contracts.billing.LedgerCheck;
import dev.switchboard.contracts.billing.OpenAccountRequest;
import dev.switchboard.contracts.billing.PurchasesView;

import static org.assertj.core.api.Assertions.assertThat;

class PurchaseTotalsTest extends BillingServiceTest {

    @Autowired
    private DatabaseClient db;

    @Test
    void purchasesCountNetOfRefundsAndGrantsDoNotCount() {
        UUID org = UUID.randomUUID();
        internal().post().uri("/internal/accounts").bodyValue(new OpenAccountRequest(org)).exchange().expectStatus().isOk();
        internal().post().uri("/internal/grants").bodyValue(new GrantRequest("grant-" + UUID.randomUUID(), org, 20 * USD, null))
                .exchange().expectStatus().isOk();
        assertThat(purchases(org).purchasedNanos()).isZero();

        // as the Stripe webhook posts them: a purchase credits the organisation, a refund reverses part of it
        transfer("purchase:" + UUID.randomUUID(), "platform:stripe", "org:" + org, 12 * USD, "purchase");
        transfer("refund:" + UUID.randomUUID(), "org:" + org, "platform:stripe", 3 * USD, "refund");

        assertThat(purchases(org)).isEqualTo(new PurchasesView(org, 9 * USD));
        assertThat(purchases(UUID.randomUUID()).purchasedNanos()).isZero();
        LedgerCheck check = internal().get().uri("/internal/ledger/check").exchange().expectStatus().isOk()
                .expectBody(LedgerCheck.class).returnResult().getResponseBody();
        assertThat(check.balanced()).isTrue();
    }

    private void transfer(String id, String debit, String credit, long amountNanos, String kind) {
        db.sql("INSERT INTO transfers (id, debit_account, credit_account, amount_nanos, kind) VALUES (:id, :d, :c, :a, :k)")
                .bind("id", id).bind("d", debit).bind("c", credit).bind("a", amountNanos).bind("k", kind)
                .fetch().rowsUpdated().block();
    }

    private PurchasesView purchases(UUID org) {
        return internal().get().uri("/internal/orgs/{org}/purchase-total", org).exchange().expectStatus().isOk()
                .expectBody(PurchasesView.class).returnResult().getResponseBody();
    }
}
