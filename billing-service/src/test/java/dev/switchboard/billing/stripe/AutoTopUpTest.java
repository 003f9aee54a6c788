package dev.switchboard.billing.stripe;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;


import dev.switchboard.contracts.billing.CheckoutView;
import dev.switchboard.contracts.billing.CreditSettings;
import dev.switchboard.contracts.billing.PurchaseView;
import dev.switchboard.testing.stripe.FakeStripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Credit settings and auto top-up: the saved card is charged off-session once per crossing below the threshold. */
class AutoTopUpTest extends StripeTestBase {

    @Test
    void usageThatCrossesTheThresholdTopsUpOncePerCrossingWithTheSavedCard() {
        UUID org = buyAndSaveCard(20 * USD);
        String card = savedCardOf(org);
        CreditSettings saved = putSettings(org, CreditSettings.update(5 * USD, true, 15 * USD, 10 * USD));
        assertThat(saved.paymentMethodSaved()).isTrue();
        assertThat(saved.autoTopupEnabled()).isTrue();
        assertThat(intentsOf(org)).isEmpty();

        spend(org, 6 * USD); // 20 → 14: below 15, tops up $10 → 24
        await().atMost(Duration.ofSeconds(10)).until(() -> credits(org).balanceNanos() == 24 * USD);
        List<FakeStripe.Request> intents = intentsOf(org);
        assertThat(intents).singleElement().satisfies(intent -> {
            assertThat(intent.idempotencyKey()).isEqualTo("auto-topup:" + org + ":1");
            assertThat(intent.param("off_session")).isEqualTo("true");
            assertThat(intent.param("confirm")).isEqualTo("true");
            assertThat(intent.param("payment_method")).isEqualTo(card);
            assertThat(intent.param("amount")).isEqualTo("1080"); // $10 + the $0.80 minimum fee
        });
        assertThat(redisBalance(org)).isEqualTo(24 * USD);

        spend(org, USD); // 24 → 23: above the threshold, nothing
        awaitBalance(org, 23 * USD);
        assertThat(intentsOf(org)).hasSize(1);

        spend(org, 9 * USD); // 23 → 14: the second crossing
        await().atMost(Duration.ofSeconds(10)).until(() -> credits(org).balanceNanos() == 24 * USD);
        assertThat(intentsOf(org)).extracting(FakeStripe.Request::idempotencyKey)
                .containsExactly("auto-topup:" + org + ":1", "auto-topup:" + org + ":2");
        assertThat(purchases(org)).filteredOn(p -> p.origin().equals("auto_topup"))
                .hasSize(2)
                .allSatisfy(p -> assertThat(p.status()).isEqualTo("paid"));
    }

    @Test
    void concurrentChecksOfOneCrossingChargeOnce() {
        UUID org = buyAndSaveCard(10 * USD);

        Flux.range(0, 8)
                .flatMap(i -> Flux.defer(() -> Flux.just(putSettings(org,
                        CreditSettings.update(null, true, 12 * USD, 5 * USD))))
                        .subscribeOn(Schedulers.boundedElastic()))
                .blockLast();

        assertThat(intentsOf(org)).hasSize(1);
        assertThat(credits(org).balanceNanos()).isEqualTo(15 * USD);
    }

    @Test
    void aDeclinedTopUpIsNotRetriedWithinTheSameCrossing() {
        UUID org = buyAndSaveCard(10 * USD);
        STRIPE.declineOffSessionPayments(true);
        try {
            putSettings(org, CreditSettings.update(null, true, 12 * USD, 5 * USD));
            putSettings(org, CreditSettings.update(null, true, 12 * USD, 5 * USD));
            spend(org, USD);
            awaitBalance(org, 9 * USD);
        } finally {
            STRIPE.declineOffSessionPayments(false);
        }
        assertThat(intentsOf(org)).hasSize(1);
        assertThat(purchases(org)).filteredOn(p -> p.origin().equals("auto_topup"))
                .singleElement().extracting(PurchaseView::status).isEqualTo("failed");
    }

    @Test
    void aTopUpStripeDoesNotAnswerStaysPendingAndIsChargedOnceOnTheNextBalanceChange() {
        UUID org = buyAndSaveCard(20 * USD);
        putSettings(org, CreditSettings.update(null, true, 15 * USD, 10 * USD));
        STRIPE.failNextPaymentIntents(1);

        spend(org, 6 * USD); // 20 → 14: fires, Stripe answers 500
        await().atMost(Duration.ofSeconds(10)).until(() -> intentsOf(org).size() == 1);
        awaitBalance(org, 14 * USD);
        assertThat(purchases(org)).filteredOn(p -> p.origin().equals("auto_topup"))
                .singleElement().extracting(PurchaseView::status).isEqualTo("pending");

        spend(org, USD); // 14 → 13: the pending top-up is charged again, with the same key, and credited
        await().atMost(Duration.ofSeconds(10)).until(() -> credits(org).balanceNanos() == 23 * USD);
        assertThat(intentsOf(org)).extracting(FakeStripe.Request::idempotencyKey)
                .containsExactly("auto-topup:" + org + ":1", "auto-topup:" + org + ":1");
        assertThat(chargesOf(org)).hasSize(1);
        assertThat(purchases(org)).filteredOn(p -> p.origin().equals("auto_topup"))
                .singleElement().extracting(PurchaseView::status).isEqualTo("paid");
        assertThat(redisBalance(org)).isEqualTo(23 * USD);
    }

    @Test
    void changingTheThresholdWhileATopUpIsPendingDoesNotChargeASecondCrossing() {
        UUID org = buyAndSaveCard(10 * USD);
        STRIPE.failNextPaymentIntents(2);

        putSettings(org, CreditSettings.update(null, true, 12 * USD, 5 * USD)); // fires crossing 1: 500
        putSettings(org, CreditSettings.update(null, true, 11 * USD, 5 * USD)); // its retry: 500 again
        assertThat(intentsOf(org)).extracting(FakeStripe.Request::idempotencyKey)
                .containsExactly("auto-topup:" + org + ":1", "auto-topup:" + org + ":1");
        assertThat(credits(org).balanceNanos()).isEqualTo(10 * USD);

        putSettings(org, CreditSettings.update(null, true, 11 * USD, 5 * USD)); // Stripe is back
        assertThat(chargesOf(org)).hasSize(1);
        assertThat(credits(org).balanceNanos()).isEqualTo(15 * USD);
        assertThat(purchases(org)).filteredOn(p -> p.origin().equals("auto_topup"))
                .singleElement().extracting(PurchaseView::status).isEqualTo("paid");
    }

    @Test
    void autoTopUpNeedsASavedCardAndSaneAmounts() {
        UUID org = openAccount();

        internal().put().uri("/internal/orgs/{org}/credit-settings", org)
                .bodyValue(CreditSettings.update(null, true, 5 * USD, 10 * USD))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.message").value(m -> assertThat((String) m).contains("saved card"));
        UUID withCard = buyAndSaveCard(10 * USD);
        internal().put().uri("/internal/orgs/{org}/credit-settings", withCard)
                .bodyValue(CreditSettings.update(null, true, 5 * USD, USD))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.message").value(m -> assertThat((String) m).contains("amount_usd"));
    }

    @Test
    void theLowBalanceAlertShowsWhenTheBalanceIsBelowItsThreshold() {
        UUID org = buyAndSaveCard(10 * USD);

        assertThat(putSettings(org, CreditSettings.update(5 * USD, false, null, null)).lowBalance()).isFalse();
        spend(org, 6 * USD);
        awaitBalance(org, 4 * USD);

        CreditSettings settings = internal().get().uri("/internal/orgs/{org}/credit-settings", org)
                .exchange().expectStatus().isOk()
                .expectBody(CreditSettings.class).returnResult().getResponseBody();
        assertThat(settings.lowBalance()).isTrue();
        assertThat(settings.lowBalanceAlertNanos()).isEqualTo(5 * USD);
        // the configured purchase fee (5.5 %, at least $0.80) travels with the settings, for the page to show first
        assertThat(settings.purchaseFeePercent()).isEqualByComparingTo("5.5");
        assertThat(settings.purchaseFeeMinimumNanos()).isEqualTo(800_000_000L);
        assertThat(intentsOf(org)).isEmpty();
    }

    // --- helpers ------------------------------------------------------------------------------------

    private UUID buyAndSaveCard(long amountNanos) {
        UUID org = openAccount();
        CheckoutView checkout = checkout(org, amountNanos);
        deliver(STRIPE.paymentIntentSucceeded(checkout.sessionId()));
        deliver(STRIPE.checkoutCompleted(checkout.sessionId(), "paid"));
        assertThat(credits(org).balanceNanos()).isEqualTo(amountNanos);
        return org;
    }

    /** The fake names the card a checkout saves after its session. */
    private static String savedCardOf(UUID org) {
        return "pm_card_" + STRIPE.sessions().stream()
                .filter(session -> org.toString().equals(session.clientReferenceId()))
                .findFirst()
                .orElseThrow()
                .id();
    }

    /** The payment intents Stripe created (and charged) for the organisation, requests that failed left out. */
    private static List<FakeStripe.PaymentIntent> chargesOf(UUID org) {
        return STRIPE.paymentIntents().stream()
                .filter(intent -> org.toString().equals(intent.metadata().get("org_id")))
                .toList();
    }

    private static List<FakeStripe.Request> intentsOf(UUID org) {
        return STRIPE.requests("/v1/payment_intents").stream()
                .filter(r -> org.toString().equals(r.param("metadata[org_id]")))
                .toList();
    }
}
