package dev.switchboard.billing.stripe;

import java.util.List;
import java.util.UUID;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.switchboard.billing.BillingServiceTest;
import dev.switchboard.contracts.billing.CheckoutRequest;
import dev.switchboard.contracts.billing.CheckoutView;
import dev.switchboard.contracts.billing.PurchaseView;
import dev.switchboard.testing.stripe.StripeWebhookSigner;

/** Purchases against the fake Stripe API: opening accounts, checkouts, signed webhook deliveries, reading back. */
abstract class StripeTestBase extends BillingServiceTest {

    static final StripeWebhookSigner SIGNER = new StripeWebhookSigner(STRIPE_WEBHOOK_SECRET);

    CheckoutView checkout(UUID org, long amountNanos) {
        return internal().post().uri("/internal/orgs/{org}/checkout", org)
                .bodyValue(new CheckoutRequest(amountNanos))
                .exchange()
                .expectStatus().isOk()
                .expectBody(CheckoutView.class)
                .returnResult()
                .getResponseBody();
    }

    void deliver(String event) {
        webhook(event, SIGNER.sign(event)).expectStatus().isOk();
    }

    WebTestClient.ResponseSpec webhook(String payload, String signature) {
        return internal().post().uri("/internal/stripe/webhook")
                .contentType(MediaType.APPLICATION_JSON)
                .header("Stripe-Signature", signature)
                .bodyValue(payload)
                .exchange();
    }

    List<PurchaseView> purchases(UUID org) {
        return internal().get().uri("/internal/orgs/{org}/purchases", org)
                .exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<PurchaseView>>() { })
                .returnResult()
                .getResponseBody();
    }

    long redisBalance(UUID org) {
        return Long.parseLong(redis.opsForValue().get(keys.balance(org)).block());
    }
}
