package dev.switchboard.api.purchases;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.switchboard.api.billing.BillingClient;
import dev.switchboard.api.credit.Pricing;
import dev.switchboard.api.error.ApiException;
import dev.switchboard.api.identity.Caller;
import dev.switchboard.api.identity.org.OrgAction;
import dev.switchboard.api.identity.org.OrgPermissions;
import dev.switchboard.api.paging.KeysetCursor;
import dev.switchboard.api.paging.PageRequest;
import dev.switchboard.contracts.billing.PurchaseView;

/**
 * The signed-in browser buys credits for its current organisation (session only, CSRF on writes).
 * Buying and changing the settings need {@link OrgAction#MANAGE_CREDITS} (owners and admins: it
 * spends the organisation's card); any member may read the history and the settings.
 */
@RestController
@RequestMapping(path = "/api/v1/credits", produces = MediaType.APPLICATION_JSON_VALUE)
class PurchaseController {

    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 100;

    private final BillingClient billing;
    private final OrgPermissions permissions;

    PurchaseController(BillingClient billing, OrgPermissions permissions) {
        this.billing = billing;
        this.permissions = permissions;
    }

    @PostMapping(path = "/checkout", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> checkout(@AuthenticationPrincipal Caller caller, @RequestBody CheckoutBody body) {
        long amountNanos = body.validAmountNanos();
        return permissions.require(caller, OrgAction.MANAGE_CREDITS)
                .then(billing.checkout(caller.orgId(), amountNanos))
                .map(view -> Map.of("data", Map.of("url", view.url(), "session_id", view.sessionId())));
    }

    /**
     * The purchase history, newest first, a page at a time ({@code ?limit=} 1 to {@value #MAX_LIMIT},
     * default {@value #DEFAULT_LIMIT}; {@code ?cursor=} the previous page's {@code next_cursor}).
     * billing-service reads the keyset; the cursor is encoded here like the generations list's.
     */
    @GetMapping("/purchases")
    Mono<Map<String, Object>> purchases(@AuthenticationPrincipal Caller caller,
                                        @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit,
                                        @RequestParam(required = false) String cursor) {
        PageRequest page = PageRequest.of(limit, MAX_LIMIT, cursor);
        return permissions.require(caller, OrgAction.USE)
                .then(billing.purchases(caller.orgId(), page.fetch(), page.after()))
                .map(rows -> page.page(rows, p -> new KeysetCursor(p.createdAt(), p.id()), PurchaseEntry::of));
    }

    @GetMapping("/settings")
    Mono<Map<String, Object>> settings(@AuthenticationPrincipal Caller caller) {
        return permissions.require(caller, OrgAction.USE)
                .then(billing.creditSettings(caller.orgId()))
                .map(settings -> Map.of("data", SettingsBody.of(settings)));
    }

    @PutMapping(path = "/settings", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> updateSettings(@AuthenticationPrincipal Caller caller, @RequestBody SettingsBody body) {
        if (body == null) {
            return Mono.error(ApiException.badRequest("a settings object is required"));
        }
        return Mono.fromCallable(body::toUpdate)
                .flatMap(update -> permissions.require(caller, OrgAction.MANAGE_CREDITS)
                        .then(billing.updateCreditSettings(caller.orgId(), update)))
                .map(settings -> Map.of("data", SettingsBody.of(settings)));
    }

    /** One purchase in USD. */
    record PurchaseEntry(String id, String origin, String status, BigDecimal amount, BigDecimal fee,
                         BigDecimal refunded, @JsonProperty("receipt_url") String receiptUrl,
                         @JsonProperty("created_at") Instant createdAt, @JsonProperty("paid_at") Instant paidAt) {

        static PurchaseEntry of(PurchaseView p) {
            return new PurchaseEntry(p.id(), p.origin(), p.status(), Pricing.usd(p.amountNanos()),
                    Pricing.usd(p.feeNanos()), Pricing.usd(p.refundedNanos()), p.receiptUrl(), p.createdAt(), p.paidAt());
        }
    }
}
