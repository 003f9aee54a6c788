package dev.switchboard.api.inference;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.switchboard.api.availability.AttemptReporter;
import dev.switchboard.api.availability.PlatformCredentialAlarm;
import dev.switchboard.api.byok.ByokConnections;
import dev.switchboard.api.error.ApiException;
import dev.switchboard.api.provider.Completion;
import dev.switchboard.api.provider.ProviderAdapter;
import dev.switchboard.api.provider.ProviderError;
import dev.switchboard.api.provider.ProviderException;
import dev.switchboard.api.provider.StreamEvent;
import dev.switchboard.api.provider.UpstreamCall;
import dev.switchboard.api.provider.UpstreamTransport;
import dev.switchboard.api.routing.Candidate;
import dev.switchboard.api.routing.EndpointHealth;
import dev.switchboard.api.routing.RoutingProperties;
import dev.switchboard.api.routing.StickyRoutes;

/**
 * Tries a plan's candidates in order until one answers, failing over only before the first byte:
 * to the next endpoint on a retryable failure, to the next model on any other. Each candidate
 * tried is one attempt, reported to the catalog's availability windows and this instance's
 * circuit breakers (through {@link AttemptReporter}) and recorded on the request's
 * {@link GenerationMeter}; a candidate whose circuit will not let another request through now is
 * skipped without an attempt.
 */
@Component
class CandidateAttempts {

    private final AttemptReporter attempts;
    private final EndpointHealth health;
    private final StickyRoutes sticky;
    private final RoutingProperties routing;
    private final ByokConnections byok;
    private final PlatformCredentialAlarm credentialAlarm;

    CandidateAttempts(AttemptReporter attempts, EndpointHealth health, StickyRoutes sticky, RoutingProperties routing,
                      ByokConnections byok, PlatformCredentialAlarm credentialAlarm) {
        this.attempts = attempts;
        this.credentialAlarm = credentialAlarm;
        this.health = health;
        this.sticky = sticky;
        this.routing = routing;
        this.byok = byok;
    }

    /** The streamed answer of the first candidate that begins one. */
    Flux<StreamEvent> stream(Plan plan, GenerationMeter meter) {
        return streamAttempt(plan, meter, 0, null);
    }

    /** The whole answer of the first candidate that gives one. */
    Mono<Completion> complete(Plan plan, GenerationMeter meter) {
        return completeAttempt(plan, meter, 0, null, ProviderAdapter::complete);
    }

    /** The embeddings of the first candidate that gives them, tried and recorded like a whole answer. */
    Mono<Completion> embed(Plan plan, GenerationMeter meter) {
        return completeAttempt(plan, meter, 0, null, ProviderAdapter::embed);
    }

    /**
     * Tries the candidates in order; moves on only while nothing has been received from the current
     * one. Each candidate tried is one attempt, reported to the catalog's availability windows and
     * to this instance's circuit breakers, and recorded on the generation.
     *
     * @param lastError the previous attempt's failure, given to the client if nothing is left to try
     */
    private Flux<StreamEvent> streamAttempt(Plan plan, GenerationMeter meter, int index, ProviderException lastError) {
        if (index >= plan.route().size()) {
            return Flux.error(exhausted(lastError));
        }
        Candidate candidate = plan.route().candidate(index);
        if (!admitted(candidate)) {
            return streamAttempt(plan, meter, index + 1, lastError);
        }
        return Flux.defer(() -> {
            AtomicBoolean started = new AtomicBoolean();
            long startedNanos = System.nanoTime();
            return byok.guard(candidate, Flux.defer(() -> candidate.connection().adapter().stream(call(plan, candidate))))
                    .transform(upstream -> candidate.byok() ? upstream : attempts.trackStream(candidate.endpoint().id(), upstream))
                    .doOnNext(event -> {
                        if (started.compareAndSet(false, true)) {
                            served(plan, meter, candidate, startedNanos);
                        }
                    })
                    .onErrorResume(ProviderException.class, error -> {
                        if (started.get()) {
                            meter.servingAttemptBroke(UpstreamTransport.scrub(error.error().message()));
                            return Flux.error(error);
                        }
                        failed(meter, candidate, startedNanos, error);
                        int next = nextCandidate(plan, meter, index, error);
                        return next < 0 ? Flux.error(finalError(candidate, error)) : streamAttempt(plan, meter, next, error);
                    });
        });
    }

    /** The endpoint began answering: it serves, it is remembered for the session. */
    private void served(Plan plan, GenerationMeter meter, Candidate candidate, long startedNanos) {
        meter.attempted(new ProviderResponse(candidate, 200, (System.nanoTime() - startedNanos) / 1_000_000, null));
        meter.servedBy(candidate);
        sticky.remember(plan.caller().orgId(), candidate.modelId(), plan.routing().stickinessKey(), candidate.endpoint().id());
    }

    /**
     * Whether to try {@code candidate} now. A call with the platform's key asks the endpoint's circuit
     * breaker. A call with an organisation's own key neither asks it nor reports to it (nor to the
     * catalog's availability windows, which are fleet-wide uptime): a tenant's refused key or broken
     * base URL says nothing about the endpoint, and must not eject it for every other tenant.
     */
    private boolean admitted(Candidate candidate) {
        return candidate.byok() || health.tryAcquire(candidate.endpoint().id());
    }

    private void failed(GenerationMeter meter, Candidate candidate, long startedNanos, ProviderException error) {
        credentialAlarm.failed(candidate.endpoint().provider().slug(), candidate.byok(), error.error());
        meter.attempted(new ProviderResponse(candidate, AttemptReporter.statusOf(error, false),
                (System.nanoTime() - startedNanos) / 1_000_000, UpstreamTransport.scrub(error.error().message())));
    }

    /**
     * Where to go after a failed attempt, or -1 to stop: a retryable failure (connect, timeout,
     * 5xx, 429, 402, refused credentials) moves to the next endpoint; any other failure (the
     * upstream refused the request itself) skips to the next model, which may accept it. Bounded
     * by {@code max-attempts} and {@code failover-window}.
     */
    private int nextCandidate(Plan plan, GenerationMeter meter, int index, ProviderException error) {
        int next = error.error().retryable() ? index + 1 : plan.route().nextModelStart(index);
        if (next >= plan.route().size()
                || meter.attempts().size() >= routing.maxAttempts()
                || meter.elapsedNanos() >= routing.failoverWindow().toNanos()) {
            return -1;
        }
        return next;
    }

    /** Every remaining candidate was skipped (circuit probes in flight elsewhere): the last failure, or a 503. */
    private static RuntimeException exhausted(ProviderException lastError) {
        if (lastError != null) {
            return lastError;
        }
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
                "No endpoint can take the request right now: every candidate's circuit is open");
    }

    /** @param operation what is asked of each candidate's adapter: a completion, or embeddings */
    private Mono<Completion> completeAttempt(Plan plan, GenerationMeter meter, int index, ProviderException lastError,
                                             BiFunction<ProviderAdapter, UpstreamCall, Mono<Completion>> operation) {
        if (index >= plan.route().size()) {
            return Mono.error(exhausted(lastError));
        }
        Candidate candidate = plan.route().candidate(index);
        if (!admitted(candidate)) {
            return completeAttempt(plan, meter, index + 1, lastError, operation);
        }
        return Mono.defer(() -> {
            long startedNanos = System.nanoTime();
            return byok.guard(candidate, Mono.defer(() -> operation.apply(candidate.connection().adapter(), call(plan, candidate))))
                    .transform(upstream -> candidate.byok() ? upstream : attempts.trackCompletion(candidate.endpoint().id(), upstream))
                    .doOnNext(completion -> served(plan, meter, candidate, startedNanos))
                    .onErrorResume(ProviderException.class, error -> {
                        failed(meter, candidate, startedNanos, error);
                        int next = nextCandidate(plan, meter, index, error);
                        return next < 0 ? Mono.error(finalError(candidate, error))
                                : completeAttempt(plan, meter, next, error, operation);
                    });
        });
    }

    /**
     * An organisation's own key refused by its provider is the organisation's problem, not the
     * platform's: 401 naming the provider, instead of the 502 a refused platform key gives.
     */
    private static RuntimeException finalError(Candidate candidate, ProviderException error) {
        if (candidate.byok() && error.error() instanceof ProviderError.AuthenticationFailed refused) {
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("provider_name", refused.provider());
            metadata.put("is_byok", true);
            metadata.put("raw", String.valueOf(UpstreamTransport.scrub(refused.message())));
            return new ApiException(HttpStatus.UNAUTHORIZED, "Provider " + refused.provider()
                    + " rejected your BYOK key (upstream status " + refused.upstreamStatus()
                    + "); update it under /api/v1/byok", metadata);
        }
        return error;
    }

    private static UpstreamCall call(Plan plan, Candidate candidate) {
        return new UpstreamCall(plan.generationId(), candidate.endpoint(), plan.request().body(),
                candidate.connection().baseUrl(), candidate.connection().apiKey());
    }
}
