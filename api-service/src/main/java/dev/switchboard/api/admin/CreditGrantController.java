package dev.switchboard.api.admin;

import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.switchboard.api.billing.BillingClient;
import dev.switchboard.api.error.ApiException;
import dev.switchboard.api.identity.account.Accounts;
import dev.switchboard.contracts.billing.GrantRequest;

/**
 * {@code POST /api/admin/credits}: the operator grants credits to a user's personal organisation.
 * The ledger transfer id is {@code grant-<Idempotency-Key>} when the header is sent (so a retried
 * request grants once) and {@code grant-<random uuid>} otherwise.
 */
@RestController
@RequestMapping(path = "/api/admin", produces = MediaType.APPLICATION_JSON_VALUE)
class CreditGrantController {

    private static final Logger log = LoggerFactory.getLogger(CreditGrantController.class);
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

    private final Accounts accounts;
    private final BillingClient billing;

    CreditGrantController(Accounts accounts, BillingClient billing) {
        this.accounts = accounts;
        this.billing = billing;
    }

    @PostMapping(path = "/credits", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<GrantView> grant(@RequestBody GrantCreditsRequest request,
                          @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        long amountNanos = request.validAmountNanos();
        String transferId = "grant-" + transferSuffix(idempotencyKey);
        return accounts.personalOrganisation(request.email())
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("No user with this email")))
                .flatMap(orgId -> grant(orgId, transferId, amountNanos, request.note()));
    }

    private Mono<GrantView> grant(UUID orgId, String transferId, long amountNanos, String note) {
        return billing.openAccount(orgId)
                .then(billing.grant(new GrantRequest(transferId, orgId, amountNanos, note)))
                .onErrorMap(e -> !(e instanceof ApiException), e -> billingFailed(transferId, e))
                .doOnNext(credits -> log.info("Granted {} nanos to organisation {} (transfer {})", amountNanos, orgId, transferId))
                .map(credits -> GrantView.of(orgId, amountNanos, credits));
    }

    private static ApiException billingFailed(String transferId, Throwable e) {
        log.warn("Grant {} failed in billing-service: {}", transferId, e.toString());
        return new ApiException(HttpStatus.BAD_GATEWAY,
                "billing-service did not take the grant; retrying with the same Idempotency-Key grants at most once");
    }

    private static String transferSuffix(String idempotencyKey) {
        if (idempotencyKey == null) {
            return UUID.randomUUID().toString();
        }
        if (!IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw ApiException.badRequest("Idempotency-Key must be 1 to 200 letters, digits or . _ : -");
        }
        return idempotencyKey;
    }
}
