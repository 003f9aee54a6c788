package dev.switchboard.api.inference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.switchboard.api.byok.ByokCredentials;
import dev.switchboard.api.credit.CreditHolds;
import dev.switchboard.api.credit.HoldOutcome;
import dev.switchboard.api.credit.KeyLimitHolds;
import dev.switchboard.api.credit.Pricing;
import dev.switchboard.api.error.ApiException;
import dev.switchboard.api.identity.Caller;
import dev.switchboard.api.identity.keys.KeyLimit;
import dev.switchboard.api.identity.keys.KeyLimits;
import dev.switchboard.api.routing.Candidate;

/**
 * What every inference API (chat-like or embeddings) passes through around routing, so that they
 * cannot drift apart: before planning, the organisation's BYOK keyring (the routing hook
 * {@code ByokConnections} reads it) and the calling key's limit are loaded; after planning, the
 * worst case is held against the key's limit first, then against the organisation's balance.
 * {@link Settlement} posts or releases both holds.
 */
@Component
class CreditGate {

    private static final Logger log = LoggerFactory.getLogger(CreditGate.class);

    /** The most one candidate could cost: priced as BYOK (the fee only) when {@code byok}, else at the platform's price. */
    @FunctionalInterface
    interface WorstCase {
        long nanos(Candidate candidate, boolean byok);
    }

    private final ByokCredentials byokCredentials;
    private final KeyLimits keyLimits;
    private final KeyLimitHolds keyHolds;
    private final CreditHolds holds;

    CreditGate(ByokCredentials byokCredentials, KeyLimits keyLimits, KeyLimitHolds keyHolds, CreditHolds holds) {
        this.byokCredentials = byokCredentials;
        this.keyLimits = keyLimits;
        this.keyHolds = keyHolds;
        this.holds = holds;
    }

    /** Loads the organisation's keyring for routing, then the key's limit (empty when it has none). */
    Mono<Optional<KeyLimit>> beforePlanning(Caller caller) {
        return byokCredentials.forOrg(caller.orgId())
                .then(keyLimits.of(caller).map(Optional::of).defaultIfEmpty(Optional.empty()));
    }

    /** The most any candidate could charge, so a failover never runs past the organisation's hold. */
    static long worstCharged(List<Candidate> candidates, WorstCase worst) {
        long most = 0;
        for (Candidate candidate : candidates) {
            most = Math.max(most, worst.nanos(candidate, candidate.byok()));
        }
        return most;
    }

    /** The most a request can add to its key's limit: the charge, plus a BYOK call's list value when the key counts it. */
    static long worstCountedAgainstKey(List<Candidate> candidates, KeyLimit limit, WorstCase worst) {
        if (limit == null) {
            return 0;
        }
        long most = 0;
        for (Candidate candidate : candidates) {
            long charged = worst.nanos(candidate, candidate.byok());
            long byokValue = candidate.byok() && limit.includeByok() ? worst.nanos(candidate, false) : 0;
            most = Math.max(most, Math.addExact(charged, byokValue));
        }
        return most;
    }

    /**
     * The key's limit first (when it has one), then the organisation's balance; a refused balance,
     * a failed balance hold (billing or Redis timing out) or a client gone while it ran frees the
     * key's hold, which would otherwise keep that much of the limit reserved for as long as the key
     * stays busy (its holds expire only together, {@code hold-ttl} after the key's last hold).
     *
     * @param smaller             how the client can make the request cheaper, ending the key-limit message
     * @param insufficientCredits the 402 for a balance of the given nanos that cannot cover the hold
     */
    Mono<Plan> hold(Plan plan, String smaller, LongFunction<ApiException> insufficientCredits) {
        return holdKeyLimit(plan, smaller)
                .then(holdBalance(plan))
                .flatMap(outcome -> switch (outcome) {
                    case HoldOutcome.Held held -> Mono.just(plan);
                    case HoldOutcome.Insufficient insufficient -> releaseKeyLimit(plan)
                            .then(Mono.error(insufficientCredits.apply(insufficient.availableNanos())));
                });
    }

    private Mono<Void> holdKeyLimit(Plan plan, String smaller) {
        KeyLimit limit = plan.keyLimit();
        if (limit == null) {
            return Mono.empty();
        }
        return keyHolds.hold(limit, plan.generationId(), plan.keyHeldNanos(), () -> keyLimits.countedInPeriod(limit))
                .flatMap(outcome -> switch (outcome) {
                    case HoldOutcome.Held held -> Mono.<Void>empty();
                    case HoldOutcome.Insufficient insufficient ->
                            Mono.error(keyLimitReached(plan, insufficient.availableNanos(), smaller));
                });
    }

    private Mono<HoldOutcome> holdBalance(Plan plan) {
        return holds.hold(plan.caller().orgId(), plan.generationId(), plan.heldNanos())
                .onErrorResume(error -> releaseKeyLimit(plan).then(Mono.error(error)))
                .doOnCancel(() -> releaseKeyLimitDetached(plan));
    }

    /** On cancel nothing awaits the release any more; a failed one is logged and left to the holds' expiry. */
    private void releaseKeyLimitDetached(Plan plan) {
        releaseKeyLimit(plan).subscribe(released -> { }, error -> log.warn(
                "Key-limit hold of generation {} could not be released after a cancel: {}", plan.generationId(), error.toString()));
    }

    private Mono<Boolean> releaseKeyLimit(Plan plan) {
        return plan.keyLimit() == null ? Mono.just(false) : keyHolds.settle(plan.keyLimit(), plan.generationId(), 0);
    }

    private static ApiException keyLimitReached(Plan plan, long remainingNanos, String smaller) {
        KeyLimit limit = plan.keyLimit();
        long remaining = Math.max(0, remainingNanos);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("limit_usd", Pricing.usd(limit.limitNanos()));
        metadata.put("limit_remaining_usd", Pricing.usd(remaining));
        metadata.put("required_usd", Pricing.usd(plan.keyHeldNanos()));
        if (limit.periodEnd() != null) {
            metadata.put("limit_resets_at", limit.periodEnd().toString());
        }
        return new ApiException(HttpStatus.PAYMENT_REQUIRED, remaining == 0
                ? "This API key's credit limit of " + Pricing.usd(limit.limitNanos()).toPlainString() + " USD is reached"
                        + (limit.periodEnd() == null ? "" : " until " + limit.periodEnd())
                : "This request may cost up to " + Pricing.usd(plan.keyHeldNanos()).toPlainString() + " USD, more than the "
                        + Pricing.usd(remaining).toPlainString()
                        + " USD left of this API key's limit; " + smaller + " or raise the limit",
                metadata);
    }
}
