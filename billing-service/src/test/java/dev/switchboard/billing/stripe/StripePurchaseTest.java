package dev.switchboard.billing.stripe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;

import dev.switchboard.contracts.billing.CheckoutRequest;
import dev.switchboard.contracts.billing.CheckoutView;
import dev.switchboard.contracts.billing.CreditsView;
import dev.switchboard.contracts.billing.PurchaseView;
import dev.switchboard.testing.stripe.FakeStripe;
import dev.switchboard.testing.stripe.StripeWebhookSigner;

import static org.assertj.core.api.Assertions.assertThat;

/** Purchases through the fake Stripe API, credited by signed webhooks; the books balance after each test. */
class StripePurchaseTest extends StripeTestBase {

    @Test
    void checkoutCreatesASessionForAmountPlusFeeWithIdempotencyKeysAndRecordsThePendingPurchase() {
        UUID org = openAccount();

        CheckoutView checkout = checkout(org, 20 * USD);

        // $20 at 5.5 % is $1.10, above the $0.80 minimum
        assertThat(checkout.amountNanos()).isEqualTo(20 * USD);
        assertThat(checkout.feeNanos()).isEqualTo(1_100_000_000L);
        assertThat(checkout.url()).startsWith(STRIPE.url() + "/pay/");
        FakeStripe.Request session = STRIPE.requests("/v1/checkout/sessions").stream()
                .filter(r -> checkout.purchaseId().equals(r.param("metadata[purchase_id]")))
                .findFirst().orElseThrow();
        assertThat(session.idempotencyKey()).isEqualTo("checkout:" + checkout.purchaseId());
        assertThat(session.authorization()).isEqualTo("Bearer sk_test_fake");
        assertThat(session.param("client_reference_id")).isEqualTo(org.toString());
        assertThat(session.param("mode")).isEqualTo("payment");
        assertThat(session.param("line_items[0][price_data][unit_amount]")).isEqualTo("2000");
        assertThat(session.param("line_items[1][price_data][unit_amount]")).isEqualTo("110");
        assertThat(session.param("payment_intent_data[setup_future_usage]")).isEqualTo("off_session");
        assertThat(session.param("payment_intent_data[metadata][purchase_id]")).isEqualTo(checkout.purchaseId());
        FakeStripe.Request customer = STRIPE.requests("/v1/customers").stream()
                .filter(r -> org.toString().equals(r.param("metadata[org_id]")))
                .findFirst().orElseThrow();
        assertThat(customer.idempotencyKey()).isEqualTo("customer:" + org);
        assertThat(session.param("customer")).isNotBlank();
        assertThat(STRIPE.requests()).as("every Stripe call carries an idempotency key")
                .allSatisfy(request -> assertThat(request.idempotencyKey()).isNotBlank());

        assertThat(purchases(org)).singleElement().satisfies(p -> {
            assertThat(p.status()).isEqualTo("pending");
            assertThat(p.amountNanos()).isEqualTo(20 * USD);
            assertThat(p.feeNanos()).isEqualTo(1_100_000_000L);
        });
        assertThat(credits(org).balanceNanos()).isZero();
    }

    @Test
    void theFakeCheckoutPageLinksBackToTheConfiguredSuccessUrl() throws Exception {
        UUID org = openAccount();
        CheckoutView checkout = checkout(org, 5 * USD);

        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(checkout.url())).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(checkout.sessionId())
                .contains("href=\"http://127.0.0.1:8080/#/credits?purchase=success\"");
    }

    @Test
    void smallPurchasesPayTheMinimumFeeAndTheCustomerIsCreatedOnce() {
        UUID org = openAccount();

        CheckoutView first = checkout(org, 5 * USD);
        checkout(org, 6 * USD);

        // 5.5 % of $5 is 28 cents, below the $0.80 minimum
        assertThat(first.feeNanos()).isEqualTo(800_000_000L);
        assertThat(STRIPE.requests("/v1/customers").stream()
                .filter(r -> org.toString().equals(r.param("metadata[org_id]")))).hasSize(1);
    }

    @ParameterizedTest(name = "{0} nanos")
    @ValueSource(longs = {4_990_000_000L, 10_000_010_000_000L, 5_001_000_000L, 0, -5_000_000_000L})
    void checkoutOutsideTheLimitsOrInFractionsOfACentIs400(long amountNanos) {
        UUID org = openAccount();

        internal().post().uri("/internal/orgs/{org}/checkout", org)
                .bodyValue(new CheckoutRequest(amountNanos))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.error.code").isEqualTo(400)
                .jsonPath("$.error.message").value(m -> assertThat((String) m).contains("amount"));
        assertThat(purchases(org)).isEmpty();
    }

    @Test
    void aPurchaseIsCreditedExactlyOnceAcrossReplaysAndOutOfOrderEventsAndNeverTheFee() {
        UUID org = openAccount();
        CheckoutView checkout = checkout(org, 20 * USD);
        String completed = STRIPE.checkoutCompleted(checkout.sessionId(), "paid");

        // the charge and the payment intent arrive before the session completes, then everything twice
        deliver(STRIPE.chargeSucceeded(checkout.sessionId()));
        deliver(STRIPE.paymentIntentSucceeded(checkout.sessionId()));
        deliver(completed);
        deliver(completed);
        deliver(STRIPE.checkoutCompleted(checkout.sessionId(), "paid"));
        deliver(STRIPE.checkoutAsyncPaymentSucceeded(checkout.sessionId()));

        assertThat(credits(org)).isEqualTo(new CreditsView(org, 20 * USD, 0, 20 * USD));
        assertThat(redisBalance(org)).isEqualTo(20 * USD);
        assertThat(purchases(org)).singleElement().satisfies(p -> {
            assertThat(p.status()).isEqualTo("paid");
            assertThat(p.paidAt()).isNotNull();
            assertThat(p.receiptUrl()).startsWith("https://pay.stripe.com/receipts/");
        });
    }

    @Test
    void aReplayedEventIsAnsweredButNotHandledAgain() {
        UUID org = openAccount();
        CheckoutView checkout = checkout(org, 10 * USD);
        String completed = STRIPE.checkoutCompleted(checkout.sessionId(), "paid");

        webhook(completed, SIGNER.sign(completed)).expectStatus().isOk()
                .expectBody().jsonPath("$.handled").isEqualTo(true);
        webhook(completed, SIGNER.sign(completed)).expectStatus().isOk()
                .expectBody().jsonPath("$.handled").isEqualTo(false);

        assertThat(credits(org).balanceNanos()).isEqualTo(10 * USD);
    }

    @Test
    void anUnpaidCompletionCreditsNothingUntilTheAsyncPaymentSucceeds() {
        UUID org = openAccount();
        CheckoutView checkout = checkout(org, 10 * USD);

        deliver(STRIPE.checkoutCompleted(checkout.sessionId(), "unpaid"));
        assertThat(credits(org).balanceNanos()).isZero();
        assertThat(purchases(org)).singleElement().extracting(PurchaseView::status).isEqualTo("pending");

        deliver(STRIPE.checkoutAsyncPaymentSucceeded(checkout.sessionId()));
        assertThat(credits(org).balanceNanos()).isEqualTo(10 * USD);
        assertThat(redisBalance(org)).isEqualTo(10 * USD);
    }

    @Test
    void forgedTamperedStaleAndMissingSignaturesAre400AndChangeNothing() {
        UUID org = openAccount();
        CheckoutView checkout = checkout(org, 10 * USD);
        String completed = STRIPE.checkoutCompleted(checkout.sessionId(), "paid");

        String forged = new StripeWebhookSigner("whsec_attacker").sign(completed);
        String tampered = SIGNER.sign(completed.replace("\"paid\"", "\"unpaid\""));
        String stale = SIGNER.sign(completed, Instant.now().minusSeconds(600));
        for (String header : List.of(forged, tampered, stale, "t=1,v1=00", "garbage")) {
            webhook(completed, header).expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.error.code").isEqualTo(400);
        }
        anonymous().post().uri("/internal/stripe/webhook")
                .header("Authorization", "Bearer " + TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(completed)
                .exchange()
                .expectStatus().isBadRequest();

        assertThat(credits(org).balanceNanos()).isZero();
        // the genuine delivery still works afterwards: the refused ones recorded nothing
        deliver(completed);
        assertThat(credits(org).balanceNanos()).isEqualTo(10 * USD);
    }

    @Test
    void refundsReverseTheCreditedProportionOnceEvenWhenRepeatedOrOutOfOrder() {
        UUID org = openAccount();
        CheckoutView checkout = checkout(org, 20 * USD); // charged $21.10 = 2110 cents
        deliver(STRIPE.checkoutCompleted(checkout.sessionId(), "paid"));

        String half = STRIPE.chargeRefunded(checkout.sessionId(), 1055);
        deliver(half);
        deliver(half);
        // half the charge refunded: half the credits reversed
        assertThat(credits(org).balanceNanos()).isEqualTo(10 * USD);
        // an older, smaller cumulative refund arriving late changes nothing
        deliver(STRIPE.chargeRefunded(checkout.sessionId(), 500));
        assertThat(credits(org).balanceNanos()).isEqualTo(10 * USD);

        deliver(STRIPE.chargeRefunded(checkout.sessionId(), 2110));
        assertThat(credits(org)).isEqualTo(new CreditsView(org, 0, 0, 0));
        assertThat(redisBalance(org)).isZero();
        assertThat(purchases(org)).singleElement().extracting(PurchaseView::refundedNanos).isEqualTo(20 * USD);
    }

    @Test
    void aPartialRefundRoundsTheReversalDownToTheNano() {
        UUID org = openAccount();
        CheckoutView checkout = checkout(org, 7 * USD); // fee: the $0.80 minimum; charged 780 cents
        deliver(STRIPE.checkoutCompleted(checkout.sessionId(), "paid"));

        deliver(STRIPE.chargeRefunded(checkout.sessionId(), 100));

        // 7 USD × 100 / 780 = 0.8974358974… USD → 897,435,897 nanos reversed (rounded down)
        assertThat(credits(org).balanceNanos()).isEqualTo(7 * USD - 897_435_897L);
        assertThat(redisBalance(org)).isEqualTo(7 * USD - 897_435_897L);
    }

    @Test
    void aRefundArrivingBeforeTheCompletionIsReversedOnceTheCreditLands() {
        UUID org = openAccount();
        CheckoutView checkout = checkout(org, 10 * USD);

        deliver(STRIPE.chargeRefunded(checkout.sessionId(), 1080));
        assertThat(credits(org).balanceNanos()).isZero();
        deliver(STRIPE.checkoutCompleted(checkout.sessionId(), "paid"));

        assertThat(credits(org)).isEqualTo(new CreditsView(org, 0, 0, 0));
        assertThat(redisBalance(org)).isZero();
    }

    @Test
    void anEventNamingAPurchaseWeDoNotKnowIsRefusedSoStripeRetriesIt() {
        String event = STRIPE.event("checkout.session.completed", """
                {"id":"cs_unknown","object":"checkout.session","payment_status":"paid",
                 "metadata":{"purchase_id":"pur_not_yet_committed"}}""");

        webhook(event, SIGNER.sign(event)).expectStatus().isEqualTo(503);
        webhook(event, SIGNER.sign(event)).expectStatus().isEqualTo(503);
    }

    @Test
    void eventsOfOtherTypesAreRecordedAndIgnored() {
        String event = STRIPE.event("customer.created", "{\"id\":\"cus_x\",\"object\":\"customer\"}");

        webhook(event, SIGNER.sign(event)).expectStatus().isOk()
                .expectBody().jsonPath("$.handled").isEqualTo(true).jsonPath("$.type").isEqualTo("customer.created");
        webhook(event, SIGNER.sign(event)).expectStatus().isOk()
                .expectBody().jsonPath("$.handled").isEqualTo(false);
    }
}
