package dev.switchboard.billing.ledger;

import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.switchboard.billing.error.BillingException;
import dev.switchboard.contracts.billing.CreditsView;
import dev.switchboard.contracts.billing.GrantRequest;
import dev.switchboard.contracts.billing.LedgerCheck;
import dev.switchboard.contracts.billing.OpenAccountRequest;

/** The internal ledger API; only other Switchboard services reach it (see {@code InternalSecurity}). */
@RestController
class LedgerApi {

    private final Ledger ledger;
    private final Grants grants;
    private final SpendableBalance balance;

    LedgerApi(Ledger ledger, Grants grants, SpendableBalance balance) {
        this.ledger = ledger;
        this.grants = grants;
        this.balance = balance;
    }

    /** Opens the account (idempotent) and makes sure the Redis balance exists. */
    @PostMapping("/internal/accounts")
    Mono<CreditsView> openAccount(@RequestBody OpenAccountRequest request) {
        if (request.orgId() == null) {
            return Mono.error(BillingException.badRequest("orgId is required"));
        }
        return ledger.openOrgAccount(request.orgId())
                .then(balance.rebuildIfMissing(request.orgId()))
                .then(credits(request.orgId()));
    }

    @PostMapping("/internal/grants")
    Mono<CreditsView> grant(@RequestBody GrantRequest request) {
        return grants.grant(request);
    }

    @GetMapping("/internal/orgs/{orgId}/credits")
    Mono<CreditsView> credits(@PathVariable UUID orgId) {
        return ledger.credits(orgId)
                .switchIfEmpty(Mono.error(() -> noAccount(orgId)));
    }

    /** api-service calls this when its hold script finds no balance (the first request after a Redis flush). */
    @PostMapping("/internal/orgs/{orgId}/balance/sync")
    Mono<Long> syncBalance(@PathVariable UUID orgId) {
        return balance.rebuildIfMissing(orgId)
                .switchIfEmpty(Mono.error(() -> noAccount(orgId)));
    }

    @GetMapping("/internal/ledger/check")
    Mono<LedgerCheck> check() {
        return ledger.check();
    }

    @GetMapping("/internal/generations/{generationId}/transfers")
    Flux<PostedTransfer> transfersOfGeneration(@PathVariable String generationId) {
        return ledger.transfersOfGeneration(generationId);
    }

    private static BillingException noAccount(UUID orgId) {
        return BillingException.notFound("No credit account for organisation " + orgId);
    }
}
