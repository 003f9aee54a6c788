package dev.switchboard.api.billing;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

import dev.switchboard.api.error.ApiException;
import dev.switchboard.api.paging.KeysetCursor;

import dev.switchboard.api.platform.PlatformProperties;
import dev.switchboard.contracts.billing.CheckoutRequest;
import dev.switchboard.contracts.billing.CheckoutView;
import dev.switchboard.contracts.billing.CreditSettings;
import dev.switchboard.contracts.billing.CreditsView;
import dev.switchboard.contracts.billing.PurchasesView;
import dev.switchboard.contracts.billing.GrantRequest;
import dev.switchboard.contracts.billing.OpenAccountRequest;
import dev.switchboard.contracts.billing.PurchaseView;

/**
 * billing-service's internal API. Never called on the inference hot path except
 * {@link #syncBalance(UUID)}, once per organisation whose Redis balance is missing.
 */
@Component
public class BillingClient {

    /**
     * Checkout, credit settings (which may start an auto top-up) and the webhook wait on Stripe or on
     * the ledger transaction a Stripe event needs; Stripe's API can take seconds, so these get more
     * than the internal timeout. A webhook that still times out is answered 503 and Stripe retries it.
     */
    private static final Duration STRIPE_BOUND_TIMEOUT = Duration.ofSeconds(30);

    private final WebClient http;
    private final PlatformProperties platform;

    public BillingClient(WebClient.Builder builder, PlatformProperties platform) {
        this.platform = platform;
        this.http = builder.clone()
                .baseUrl(platform.billingUrl().toString())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + platform.internalToken())
                .build();
    }

    /** Opens the organisation's credit account (idempotent). */
    public Mono<CreditsView> openAccount(UUID orgId) {
        return http.post().uri("/internal/accounts")
                .bodyValue(new OpenAccountRequest(orgId))
                .retrieve()
                .bodyToMono(CreditsView.class)
                .timeout(platform.internalTimeout());
    }

    /** Grants credits; {@code request.transferId()} makes a retry safe. */
    public Mono<CreditsView> grant(GrantRequest request) {
        return http.post().uri("/internal/grants")
                .bodyValue(request)
                .retrieve()
                .bodyToMono(CreditsView.class)
                .timeout(platform.internalTimeout());
    }

    public Mono<CreditsView> credits(UUID orgId) {
        return http.get().uri("/internal/orgs/{orgId}/credits", orgId)
                .retrieve()
                .bodyToMono(CreditsView.class)
                .timeout(platform.internalTimeout());
    }

    /** The organisation's purchases net of refunds (grants excluded), from the ledger. */
    public Mono<PurchasesView> purchaseTotal(UUID orgId) {
        return http.get().uri("/internal/orgs/{org}/purchase-total", orgId)
                .retrieve()
                .bodyToMono(PurchasesView.class)
                .timeout(platform.internalTimeout());
    }

    /** Recreates the organisation's Redis balance from the ledger if it is missing; returns it. */
    public Mono<Long> syncBalance(UUID orgId) {
        return http.post().uri("/internal/orgs/{orgId}/balance/sync", orgId)
                .retrieve()
                .bodyToMono(Long.class)
                .timeout(platform.internalTimeout());
    }

    /** Starts a Stripe purchase; billing-service's 400 (limits) and 503 (not configured) reach the caller as they are. */
    public Mono<CheckoutView> checkout(UUID orgId, long amountNanos) {
        return http.post().uri("/internal/orgs/{orgId}/checkout", orgId)
                .bodyValue(new CheckoutRequest(amountNanos))
                .retrieve()
                .onStatus(status -> status.isError(), BillingClient::relayedError)
                .bodyToMono(CheckoutView.class)
                .timeout(STRIPE_BOUND_TIMEOUT)
                .onErrorMap(e -> !(e instanceof ApiException), BillingClient::unavailable);
    }

    /** Up to {@code limit} purchases, newest first, older than {@code before} when it is given. */
    public Mono<List<PurchaseView>> purchases(UUID orgId, int limit, KeysetCursor before) {
        // the cursor's values are template variables, expanded and encoded, never template text
        return http.get().uri(uri -> {
                    Map<String, Object> variables = new HashMap<>();
                    variables.put("orgId", orgId);
                    variables.put("limit", limit);
                    uri.path("/internal/orgs/{orgId}/purchases").queryParam("limit", "{limit}");
                    if (before != null) {
                        uri.queryParam("beforeCreatedAt", "{beforeCreatedAt}").queryParam("beforeId", "{beforeId}");
                        variables.put("beforeCreatedAt", before.createdAt());
                        variables.put("beforeId", before.id());
                    }
                    return uri.build(variables);
                })
                .retrieve()
                .onStatus(status -> status.isError(), BillingClient::relayedError)
                .bodyToMono(new ParameterizedTypeReference<List<PurchaseView>>() { })
                .timeout(platform.internalTimeout())
                .onErrorMap(e -> !(e instanceof ApiException), BillingClient::unavailable);
    }

    public Mono<CreditSettings> creditSettings(UUID orgId) {
        return http.get().uri("/internal/orgs/{orgId}/credit-settings", orgId)
                .retrieve()
                .onStatus(status -> status.isError(), BillingClient::relayedError)
                .bodyToMono(CreditSettings.class)
                .timeout(platform.internalTimeout())
                .onErrorMap(e -> !(e instanceof ApiException), BillingClient::unavailable);
    }

    public Mono<CreditSettings> updateCreditSettings(UUID orgId, CreditSettings update) {
        return http.put().uri("/internal/orgs/{orgId}/credit-settings", orgId)
                .bodyValue(update)
                .retrieve()
                .onStatus(status -> status.isError(), BillingClient::relayedError)
                .bodyToMono(CreditSettings.class)
                .timeout(STRIPE_BOUND_TIMEOUT)
                .onErrorMap(e -> !(e instanceof ApiException), BillingClient::unavailable);
    }

    /**
     * Hands Stripe's webhook to billing-service unchanged and returns its answer as it is. When
     * billing-service cannot be reached the answer is 503, so Stripe delivers the event again later.
     */
    public Mono<ResponseEntity<byte[]>> forwardStripeWebhook(byte[] payload, String signature) {
        return http.post().uri("/internal/stripe/webhook")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    if (signature != null) {
                        headers.set("Stripe-Signature", signature);
                    }
                })
                .bodyValue(payload)
                .exchangeToMono(response -> response.toEntity(byte[].class))
                .timeout(STRIPE_BOUND_TIMEOUT)
                .map(BillingClient::asJsonAnswer)
                .onErrorMap(e -> !(e instanceof ApiException), BillingClient::unavailable);
    }

    private static ResponseEntity<byte[]> asJsonAnswer(ResponseEntity<byte[]> answer) {
        return ResponseEntity.status(answer.getStatusCode())
                .contentType(MediaType.APPLICATION_JSON)
                .body(answer.getBody() == null ? new byte[0] : answer.getBody());
    }

    /** billing-service answers errors in the same OpenRouter shape: keep its status and message. */
    private static Mono<Throwable> relayedError(ClientResponse response) {
        HttpStatus status = HttpStatus.resolve(response.statusCode().value());
        return response.bodyToMono(JsonNode.class)
                .map(body -> body.path("error").path("message").asString(""))
                .onErrorReturn("")
                .defaultIfEmpty("")
                .map(message -> relayed(status, message));
    }

    private static Throwable relayed(HttpStatus status, String message) {
        if (status == null || status.is5xxServerError() && status != HttpStatus.SERVICE_UNAVAILABLE
                && status != HttpStatus.BAD_GATEWAY) {
            return unavailable(null);
        }
        return new ApiException(status, message.isBlank() ? status.getReasonPhrase() : message);
    }

    private static ApiException unavailable(Throwable cause) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Billing is unavailable right now; try again shortly");
    }
}
