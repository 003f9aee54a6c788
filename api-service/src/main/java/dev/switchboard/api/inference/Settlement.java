package dev.switchboard.api.inference;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

import org.springframework.stereotype.Component;

import dev.switchboard.api.catalog.PriceSheet;
import dev.switchboard.api.credit.Charge;
import dev.switchboard.api.credit.CreditHolds;
import dev.switchboard.api.credit.KeyLimitHolds;
import dev.switchboard.api.credit.Pricing;
import dev.switchboard.api.provider.TokenUsage;
import dev.switchboard.api.routing.Candidate;
import dev.switchboard.contracts.billing.UsageEvent;

/**
 * Prices a finished (or cancelled, or failed) generation and settles it. Settling runs detached
 * from the client's connection: a client that hangs up does not cancel its own bill.
 */
@Component
class Settlement {

    private static final Logger log = LoggerFactory.getLogger(Settlement.class);

    private final Pricing pricing;
    private final CreditHolds holds;
    private final KeyLimitHolds keyHolds;
    private final InferenceProperties properties;
    private final Counter settled;
    private final Counter unsettled;

    private final RouteReport report;
    private final tools.jackson.databind.ObjectMapper json;

    Settlement(Pricing pricing, CreditHolds holds, KeyLimitHolds keyHolds, InferenceProperties properties,
               MeterRegistry meters, RouteReport report, tools.jackson.databind.ObjectMapper json) {
        this.keyHolds = keyHolds;
        this.report = report;
        this.json = json;
        this.pricing = pricing;
        this.holds = holds;
        this.properties = properties;
        this.settled = meters.counter("switchboard.generations.settled");
        this.unsettled = meters.counter("switchboard.generations.unsettled");
    }

    /** The charge for what the meter saw; {@link Charge#ZERO} when no endpoint served. */
    Charge price(Plan plan, GenerationMeter meter) {
        Candidate served = meter.servedBy();
        if (served == null) {
            return Charge.ZERO;
        }
        return pricing.charge(served.endpoint().prices(), meter.usageToCharge(plan.request().promptTokensEstimate()),
                served.byok());
    }

    /** Settles in the background, with retries; releases the hold instead when nothing was served. */
    void settleDetached(Plan plan, GenerationMeter meter, Charge charge, boolean streamed, boolean cancelled) {
        Mono<?> work = meter.servedBy() == null
                ? holds.release(plan.caller().orgId(), plan.generationId())
                : holds.settle(event(plan, meter, charge, streamed, cancelled), json.writeValueAsString(report.full(plan, meter)))
                        .doOnNext(applied -> settled.increment());
        if (plan.keyLimit() != null) {
            // after the organisation's settle: each step is idempotent, so a retry of both repeats neither
            work = work.then(keyHolds.settle(plan.keyLimit(), plan.generationId(), countedAgainstKey(plan, meter, charge)));
        }
        work.retryWhen(Retry.backoff(properties.settleAttempts() - 1L, Duration.ofMillis(50)))
                .subscribeOn(Schedulers.parallel())
                .subscribe(ok -> { }, error -> {
                    unsettled.increment();
                    log.error("Generation {} of organisation {} could not be settled ({} nanos): {}",
                            plan.generationId(), plan.caller().orgId(), charge.totalNanos(), error.toString());
                });
    }

    /** What the generation adds to its key's limit: the charge, plus its list value when BYOK and the key counts BYOK. */
    private static long countedAgainstKey(Plan plan, GenerationMeter meter, Charge charge) {
        boolean byok = meter.servedBy() != null && meter.servedBy().byok();
        return byok && plan.keyLimit().includeByok() ? Math.addExact(charge.totalNanos(), charge.listCostNanos())
                : charge.totalNanos();
    }

    private static UsageEvent event(Plan plan, GenerationMeter meter, Charge charge, boolean streamed, boolean cancelled) {
        Candidate served = meter.servedBy();
        PriceSheet prices = served.endpoint().prices();
        TokenUsage usage = meter.usageToCharge(plan.request().promptTokensEstimate());
        String finish = meter.finishReason() != null ? meter.finishReason() : cancelled ? "cancelled" : "error";
        return new UsageEvent(plan.generationId(), plan.caller().orgId(), plan.caller().userId(), plan.caller().keyHash(),
                served.modelId(), served.endpoint().provider().slug(), served.endpoint().id(),
                served.endpoint().upstreamModelId(), served.byok(), streamed, cancelled, finish,
                usage.promptTokens(), usage.completionTokens(), usage.cachedTokens(), usage.cacheWriteTokens(),
                usage.reasoningTokens(), prices.prompt().toPlainString(), prices.completion().toPlainString(),
                prices.request().toPlainString(), prices.cacheRead().toPlainString(), prices.cacheWrite().toPlainString(),
                charge.listCostNanos(), charge.upstreamCostNanos(), charge.platformFeeNanos(), charge.byokFeeNanos(),
                charge.totalNanos(), plan.heldNanos(), meter.latencyMs(), meter.generationTimeMs(),
                meter.timeToFirstTokenMs(), plan.origin(), meter.startedAt(), Instant.now(), plan.api());
    }
}
