package dev.switchboard.billing.stripe;

import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.switchboard.contracts.billing.CheckoutRequest;
import dev.switchboard.contracts.billing.CheckoutView;
import dev.switchboard.contracts.billing.CreditSettings;
import dev.switchboard.contracts.billing.PurchaseView;

/**
 * The internal purchase API. The webhook arrives here through the api-service, which forwards
 * Stripe's body byte for byte with its {@code Stripe-Signature} header; the signature, not the
 * internal token, is what makes it trustworthy.
 */
@RestController
class StripeApi {

    private final Checkout checkout;
    private final StripeWebhooks webhooks;
    private final PurchaseStore purchases;
    private final CreditSettingsPolicy settings;

    StripeApi(Checkout checkout, StripeWebhooks webhooks, PurchaseStore purchases, CreditSettingsPolicy settings) {
        this.checkout = checkout;
        this.webhooks = webhooks;
        this.purchases = purchases;
        this.settings = settings;
    }

    @PostMapping("/internal/orgs/{orgId}/checkout")
    Mono<CheckoutView> checkout(@PathVariable UUID orgId, @RequestBody CheckoutRequest request) {
        return checkout.start(orgId, request.amountNanos());
    }

    /** A page of the history, newest first: {@code ?limit=&beforeCreatedAt=&beforeId=} ({@link HistoryPage}). */
    @GetMapping("/internal/orgs/{orgId}/purchases")
    Flux<PurchaseView> purchases(@PathVariable UUID orgId, @RequestParam(required = false) Integer limit,
                                 @RequestParam(required = false) String beforeCreatedAt,
                                 @RequestParam(required = false) String beforeId) {
        return Mono.fromCallable(() -> HistoryPage.of(limit, beforeCreatedAt, beforeId))
                .flatMapMany(page -> purchases.ofOrg(orgId, page))
                .map(p -> new PurchaseView(p.id(), p.origin(), p.status(), p.amountNanos(), p.feeNanos(),
                        p.reversedNanos(), p.receiptUrl(), p.createdAt(), p.paidAt()));
    }

    @GetMapping("/internal/orgs/{orgId}/credit-settings")
    Mono<CreditSettings> settings(@PathVariable UUID orgId) {
        return settings.view(orgId);
    }

    @PutMapping("/internal/orgs/{orgId}/credit-settings")
    Mono<CreditSettings> updateSettings(@PathVariable UUID orgId, @RequestBody CreditSettings update) {
        return settings.update(orgId, update);
    }

    @PostMapping("/internal/stripe/webhook")
    Mono<StripeWebhooks.WebhookOutcome> webhook(@RequestBody(required = false) String payload,
                                                @RequestHeader(name = "Stripe-Signature", required = false) String signature) {
        return webhooks.receive(payload, signature);
    }
}
