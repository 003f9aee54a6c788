package dev.switchboard.api.billing;

import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

import dev.switchboard.api.platform.PlatformProperties;
import dev.switchboard.contracts.billing.CreditsView;
import dev.switchboard.contracts.billing.GrantRequest;
import dev.switchboard.contracts.billing.OpenAccountRequest;

/**
 * billing-service's internal API. Never called on the inference hot path except
 * {@link #syncBalance(UUID)}, once per organisation whose Redis balance is missing.
 */
@Component
public class BillingClient {

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

    /** Recreates the organisation's Redis balance from the ledger if it is missing; returns it. */
    public Mono<Long> syncBalance(UUID orgId) {
        return http.post().uri("/internal/orgs/{orgId}/balance/sync", orgId)
                .retrieve()
                .bodyToMono(Long.class)
                .timeout(platform.internalTimeout());
    }
}
