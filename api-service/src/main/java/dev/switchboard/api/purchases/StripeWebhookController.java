package dev.switchboard.api.purchases;

import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.switchboard.api.billing.BillingClient;

/**
 * {@code POST /api/webhooks/stripe}: public (no session, no CSRF, see {@code AccessRules} and
 * {@code CsrfRequirement}). The body is forwarded byte for byte with its {@code Stripe-Signature}
 * header, because the signature covers the exact bytes; billing-service verifies it and answers,
 * and its status (200, 400 for a bad signature, 503 to be retried) goes back to Stripe unchanged.
 */
@RestController
class StripeWebhookController {

    private final BillingClient billing;

    StripeWebhookController(BillingClient billing) {
        this.billing = billing;
    }

    @PostMapping("/api/webhooks/stripe")
    Mono<ResponseEntity<byte[]>> receive(@RequestBody(required = false) byte[] payload,
                                         @RequestHeader(name = "Stripe-Signature", required = false) String signature) {
        return billing.forwardStripeWebhook(payload == null ? new byte[0] : payload, signature);
    }
}
