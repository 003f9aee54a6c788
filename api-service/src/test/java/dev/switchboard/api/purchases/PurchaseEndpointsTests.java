package dev.switchboard.api.purchases;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import dev.switchboard.api.identity.ApiIntegrationTest;
import dev.switchboard.api.identity.BillingStub;
import dev.switchboard.api.identity.PurchasesStub;

import static org.assertj.core.api.Assertions.assertThat;

class PurchaseEndpointsTests extends ApiIntegrationTest {

    private final PurchasesStub billing = BillingStub.instance().purchases();

    @Test
    void aSignedInBrowserStartsACheckoutForItsOwnOrganisation() {
        Browser browser = signUp(uniqueEmail("buyer"));

        post(browser, "/api/v1/credits/checkout")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"amount\": 25.50}")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.url").isEqualTo("https://checkout.stripe.test/cs_stub_" + browser.orgId())
                .jsonPath("$.data.session_id").isEqualTo("cs_stub_" + browser.orgId());

        assertThat(billing.calls("/internal/orgs/" + browser.orgId() + "/checkout"))
                .singleElement()
                .satisfies(call -> assertThat(call.json().path("amountNanos").asLong()).isEqualTo(25_500_000_000L));
    }

    @Test
    void checkoutNeedsTheSessionAndItsCsrfToken() {
        Browser browser = signUp(uniqueEmail("csrf"));

        web.post().uri("/api/v1/credits/checkout")
                .cookie("SESSION", browser.session())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"amount\": 10}")
                .exchange()
                .expectStatus().isForbidden();
        web.post().uri("/api/v1/credits/checkout")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"amount\": 10}")
                .exchange()
                .expectStatus().isUnauthorized();
        String key = (String) createKey(browser, Map.of("name", "sdk")).get("key");
        web.post().uri("/api/v1/credits/checkout")
                .header("Authorization", "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"amount\": 10}")
                .exchange()
                .expectStatus().isForbidden();
        assertThat(billing.calls("/internal/orgs/" + browser.orgId() + "/checkout")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"amount\": 0}", "{\"amount\": -5}", "{\"amount\": \"ten\"}",
            "{\"amount\": 10.0000000001}", "{\"amount\":"})
    void aMalformedAmountIs400InOpenRoutersShape(String body) {
        Browser browser = signUp(uniqueEmail("badamount"));

        post(browser, "/api/v1/credits/checkout")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.error.code").isEqualTo(400);
        assertThat(billing.calls("/internal/orgs/" + browser.orgId() + "/checkout")).isEmpty();
    }

    @Test
    void billingsLimitsAndAMissingStripeKeyReachTheBrowserWithTheirStatusAndMessage() {
        Browser browser = signUp(uniqueEmail("limits"));

        post(browser, "/api/v1/credits/checkout")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"amount\": 20000}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.error.message").isEqualTo("amount must be between 5 and 10000 USD");
        post(browser, "/api/v1/credits/checkout")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"amount\": 13}")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectBody()
                .jsonPath("$.error.code").isEqualTo(503)
                .jsonPath("$.error.message").isEqualTo("payments are not configured");
    }

    @Test
    void thePurchaseHistoryIsInUsdWithReceipts() {
        Browser browser = signUp(uniqueEmail("history"));

        web.get().uri("/api/v1/credits/purchases")
                .cookie("SESSION", browser.session())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data[0].id").isEqualTo("pur_1")
                .jsonPath("$.data[0].amount").isEqualTo(20)
                .jsonPath("$.data[0].fee").isEqualTo(1.1)
                .jsonPath("$.data[0].refunded").isEqualTo(5)
                .jsonPath("$.data[0].receipt_url").isEqualTo("https://pay.stripe.com/receipts/ch_1")
                .jsonPath("$.data[1].status").isEqualTo("pending")
                .jsonPath("$.data[1].receipt_url").doesNotExist();
    }

    @Test
    void theHistoryIsPagedWithAnOpaqueCursorThatBillingSeesAsAKeyset() {
        Browser browser = signUp(uniqueEmail("pages"));
        String path = "/internal/orgs/" + browser.orgId() + "/purchases";

        Map<?, ?> whole = history(browser, "");
        assertThat((List<?>) whole.get("data")).hasSize(2);
        assertThat(whole.get("next_cursor")).isNull();
        assertThat(billing.calls(path).getLast().query()).isEqualTo("limit=26"); // the default 25, and one to look ahead

        Map<?, ?> first = history(browser, "?limit=1");
        assertThat((List<?>) first.get("data")).singleElement()
                .satisfies(purchase -> assertThat(((Map<?, ?>) purchase).get("id")).isEqualTo("pur_1"));
        String cursor = (String) first.get("next_cursor");
        assertThat(cursor).isNotNull().doesNotContain("pur_1");
        assertThat(billing.calls(path).getLast().query()).isEqualTo("limit=2");

        history(browser, "?limit=1&cursor=" + cursor);
        // each cursor value is one encoded template variable, so the timestamp's colons are escaped
        assertThat(billing.calls(path).getLast().query())
                .isEqualTo("limit=2&beforeCreatedAt=2026-11-01T10%3A00%3A00Z&beforeId=pur_1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=101", "limit=ten", "cursor=bogus!", "cursor=bm90LWEtY3Vyc29y"})
    void aBadLimitOrCursorIs400InOpenRoutersShape(String query) {
        Browser browser = signUp(uniqueEmail("badpage"));

        web.get().uri("/api/v1/credits/purchases?" + query)
                .cookie("SESSION", browser.session())
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.error.code").isEqualTo(400)
                .jsonPath("$.error.message").value(message -> assertThat((String) message).containsAnyOf("limit", "cursor"));
        assertThat(billing.calls("/internal/orgs/" + browser.orgId() + "/purchases")).isEmpty();
    }

    @Test
    void creditSettingsRoundTripInUsd() {
        Browser browser = signUp(uniqueEmail("settings"));

        web.get().uri("/api/v1/credits/settings")
                .cookie("SESSION", browser.session())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.auto_topup.enabled").isEqualTo(false)
                .jsonPath("$.data.payment_method_saved").isEqualTo(false)
                // billing's fee terms, in USD, so the page shows "amount + fee = total" before paying
                .jsonPath("$.data.purchase_fee_percent").isEqualTo(5.5)
                .jsonPath("$.data.purchase_fee_minimum_usd").isEqualTo(0.8);

        web.put().uri("/api/v1/credits/settings")
                .cookie("SESSION", browser.session())
                .cookie("XSRF-TOKEN", browser.xsrf())
                .header("X-XSRF-TOKEN", browser.xsrf())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"low_balance_alert_usd": 2.5, "auto_topup": {"enabled": true, "threshold_usd": 5, "amount_usd": 20}}""")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.low_balance_alert_usd").isEqualTo(2.5)
                .jsonPath("$.data.auto_topup.enabled").isEqualTo(true)
                .jsonPath("$.data.auto_topup.threshold_usd").isEqualTo(5)
                .jsonPath("$.data.auto_topup.amount_usd").isEqualTo(20);

        JsonNode update = billing.calls("/internal/orgs/" + browser.orgId() + "/credit-settings").getLast().json();
        assertThat(update.path("lowBalanceAlertNanos").asLong()).isEqualTo(2_500_000_000L);
        assertThat(update.path("autoTopupThresholdNanos").asLong()).isEqualTo(5_000_000_000L);
        assertThat(update.path("autoTopupAmountNanos").asLong()).isEqualTo(20_000_000_000L);
        web.put().uri("/api/v1/credits/settings")
                .cookie("SESSION", browser.session())
                .cookie("XSRF-TOKEN", browser.xsrf())
                .header("X-XSRF-TOKEN", browser.xsrf())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"low_balance_alert_usd\": -1}")
                .exchange()
                .expectStatus().isBadRequest();
    }

    @Test
    void stripesWebhookIsPublicAndForwardedByteForByteWithItsSignature() {
        String payload = "{\"id\":\"evt_1\",  \"type\":\"checkout.session.completed\",\"data\":{\"object\":{\"name\":\"Zoë\"}}}";

        web.post().uri("/api/webhooks/stripe")
                .header("Stripe-Signature", PurchasesStub.GOOD_SIGNATURE)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(payload)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.handled").isEqualTo(true);
        web.post().uri("/api/webhooks/stripe")
                .header("Stripe-Signature", "t=1,v1=forged")
                .cookie("SESSION", "whatever")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(payload)
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.error.message").isEqualTo("Invalid Stripe signature");

        assertThat(billing.calls("/internal/stripe/webhook"))
                .hasSize(2)
                .allSatisfy(call -> assertThat(call.body()).isEqualTo(payload))
                .extracting(PurchasesStub.Call::stripeSignature)
                .containsExactly(PurchasesStub.GOOD_SIGNATURE, "t=1,v1=forged");
    }

    private Map<?, ?> history(Browser browser, String query) {
        return web.get().uri("/api/v1/credits/purchases" + query)
                .cookie("SESSION", browser.session())
                .exchange()
                .expectStatus().isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }
}
