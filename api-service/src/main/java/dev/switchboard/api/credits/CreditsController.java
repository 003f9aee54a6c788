package dev.switchboard.api.credits;

import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import dev.switchboard.api.billing.BillingClient;
import dev.switchboard.api.credit.Pricing;
import dev.switchboard.api.error.ApiException;
import dev.switchboard.api.identity.Caller;

/** OpenRouter's {@code GET /api/v1/credits}: {@code {"data":{"total_credits","total_usage"}}} in USD. */
@RestController
class CreditsController {

    private final BillingClient billing;

    CreditsController(BillingClient billing) {
        this.billing = billing;
    }

    @GetMapping("/api/v1/credits")
    Mono<Map<String, Object>> credits(@AuthenticationPrincipal Caller caller) {
        return billing.credits(caller.orgId())
                .map(view -> Map.<String, Object>of("data", Map.of(
                        "total_credits", Pricing.usd(view.totalCreditsNanos()),
                        "total_usage", Pricing.usd(view.totalUsageNanos()))))
                .onErrorResume(WebClientResponseException.NotFound.class,
                        notFound -> Mono.just(Map.of("data", Map.of("total_credits", 0, "total_usage", 0))))
                .onErrorMap(e -> !(e instanceof ApiException),
                        e -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Credits are unavailable right now; try again shortly"));
    }
}
