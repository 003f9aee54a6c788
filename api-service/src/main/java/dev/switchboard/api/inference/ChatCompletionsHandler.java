package dev.switchboard.api.inference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.switchboard.api.availability.AttemptReporter;
import dev.switchboard.api.credit.Charge;
import dev.switchboard.api.credit.CreditHolds;
import dev.switchboard.api.credit.HoldOutcome;
import dev.switchboard.api.credit.Pricing;
import dev.switchboard.api.error.ApiException;
import dev.switchboard.api.error.ErrorBody;
import dev.switchboard.api.identity.Caller;
import dev.switchboard.api.provider.Completion;
import dev.switchboard.api.provider.ProviderError;
import dev.switchboard.api.provider.ProviderException;
import dev.switchboard.api.provider.StreamEvent;
import dev.switchboard.api.provider.UpstreamCall;
import dev.switchboard.api.routing.Candidate;
import dev.switchboard.api.routing.RoutePlanner;

/**
 * {@code POST /api/v1/chat/completions}: authenticate (done by the security layer) → parse and
 * validate → route from the in-memory catalog → hold the worst-case cost → call upstream, failing
 * over before the first byte → stream back with a flush per event, or answer in one body → settle
 * the actual usage, whatever way the request ended.
 */
@Component
class ChatCompletionsHandler {

    private final ObjectMapper json;
    private final RoutePlanner planner;
    private final CreditHolds holds;
    private final Pricing pricing;
    private final Settlement settlement;
    private final ResponseShaper shaper;
    private final InferenceProperties properties;
    private final AttemptReporter attempts;

    ChatCompletionsHandler(ObjectMapper json, RoutePlanner planner, CreditHolds holds, Pricing pricing,
                           Settlement settlement, ResponseShaper shaper, InferenceProperties properties,
                           AttemptReporter attempts) {
        this.json = json;
        this.planner = planner;
        this.holds = holds;
        this.pricing = pricing;
        this.settlement = settlement;
        this.shaper = shaper;
        this.properties = properties;
        this.attempts = attempts;
    }

    Mono<ServerResponse> handle(ServerRequest request) {
        return Mono.zip(caller(request), body(request))
                .map(callerAndBody -> plan(callerAndBody.getT1(), ChatRequest.parse(callerAndBody.getT2(), json), request))
                .flatMap(this::hold)
                .flatMap(plan -> plan.request().stream() ? stream(plan) : complete(plan));
    }

    private static Mono<Caller> caller(ServerRequest request) {
        return request.principal()
                .filter(Authentication.class::isInstance)
                .map(principal -> ((Authentication) principal).getPrincipal())
                .ofType(Caller.class)
                .switchIfEmpty(Mono.error(() -> ApiException.unauthorized("No auth credentials found")))
                .filter(Caller::mayCallInference)
                .switchIfEmpty(Mono.error(() -> ApiException.forbidden("Management keys cannot call inference endpoints")));
    }

    private static Mono<byte[]> body(ServerRequest request) {
        return request.bodyToMono(byte[].class)
                .switchIfEmpty(Mono.error(() -> ApiException.badRequest("Request body is required")));
    }

    private Plan plan(Caller caller, ChatRequest chat, ServerRequest request) {
        RoutePlanner.Route route = planner.plan(chat.model(), chat.promptTokensEstimate());
        String origin = request.headers().firstHeader("HTTP-Referer");
        return new Plan(caller, GenerationIds.next(), chat, route, worstCaseNanos(chat, route), origin);
    }

    /** The most any candidate could cost, so a failover never runs past the hold. */
    private long worstCaseNanos(ChatRequest chat, RoutePlanner.Route route) {
        long worst = 0;
        for (Candidate candidate : route.candidates()) {
            worst = Math.max(worst, pricing.worstCaseNanos(candidate.endpoint().prices(), chat.promptTokensUpper(),
                    completionCap(chat, candidate), false));
        }
        return worst;
    }

    private static long completionCap(ChatRequest chat, Candidate candidate) {
        long context = candidate.endpoint().contextLength();
        long cap = chat.maxTokens() > 0 ? chat.maxTokens() : Long.MAX_VALUE;
        if (candidate.endpoint().maxCompletionTokens() > 0) {
            cap = Math.min(cap, candidate.endpoint().maxCompletionTokens());
        }
        if (context > 0) {
            cap = Math.min(cap, Math.max(1, context - chat.promptTokensEstimate()));
        }
        return cap == Long.MAX_VALUE ? 4_096 : cap;
    }

    private Mono<Plan> hold(Plan plan) {
        return holds.hold(plan.caller().orgId(), plan.generationId(), plan.heldNanos())
                .map(outcome -> switch (outcome) {
                    case HoldOutcome.Held held -> plan;
                    case HoldOutcome.Insufficient insufficient -> throw insufficientCredits(plan, insufficient.availableNanos());
                });
    }

    private ApiException insufficientCredits(Plan plan, long availableNanos) {
        if (availableNanos <= 0) {
            return ApiException.paymentRequired("Insufficient credits: the balance is "
                    + Pricing.usd(availableNanos) + " USD. Add credits to continue.");
        }
        Candidate cheapest = plan.route().candidates().getFirst();
        long affordable = pricing.affordableCompletionTokens(cheapest.endpoint().prices(),
                plan.request().promptTokensUpper(), availableNanos, false);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("required_usd", Pricing.usd(plan.heldNanos()));
        metadata.put("available_usd", Pricing.usd(availableNanos));
        metadata.put("affordable_completion_tokens", affordable);
        return new ApiException(HttpStatus.PAYMENT_REQUIRED, "This request requires more credits, or fewer max_tokens. "
                + "It may cost up to " + Pricing.usd(plan.heldNanos()) + " USD, but only " + Pricing.usd(availableNanos)
                + " USD is available, which can afford about " + affordable + " completion tokens.", metadata);
    }

    // ---- streamed answers ------------------------------------------------------------------------

    private Mono<ServerResponse> stream(Plan plan) {
        return ServerResponse.ok()
                .contentType(MediaType.TEXT_EVENT_STREAM)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .header("X-Generation-Id", plan.generationId())
                .body((message, context) -> writeStream((ServerHttpResponse) message, plan));
    }

    private Mono<Void> writeStream(ServerHttpResponse response, Plan plan) {
        SseFrames frames = new SseFrames(response.bufferFactory(), json);
        Flux<Publisher<DataBuffer>> events = Flux.defer(() -> {
            GenerationMeter meter = new GenerationMeter();
            return streamAttempt(plan, meter, 0)
                    .publish(shared -> Flux.merge(
                            shared.doOnNext(meter::observe).concatMapIterable(event -> encode(event, plan, meter, frames)),
                            keepalive(frames).takeUntilOther(shared.take(1))))
                    .concatWith(Flux.defer(() -> finish(plan, meter, frames)))
                    .onErrorResume(error -> failure(error, plan, meter, frames, response))
                    .doOnNext(frame -> meter.framesSent())
                    .doFinally(signal -> settlement.settleDetached(plan, meter, settlement.price(plan, meter), true,
                            signal == SignalType.CANCEL))
                    .map(Mono::just);
        });
        return response.writeAndFlushWith(events);
    }

    /**
     * Tries the candidates in order; moves on only while nothing has been received from the current
     * one. Each candidate tried is one attempt reported to the catalog's availability windows.
     */
    private Flux<StreamEvent> streamAttempt(Plan plan, GenerationMeter meter, int index) {
        Candidate candidate = plan.route().candidates().get(index);
        return Flux.defer(() -> {
            AtomicBoolean started = new AtomicBoolean();
            return candidate.connection().adapter().stream(call(plan, candidate))
                    .transform(upstream -> attempts.trackStream(candidate.endpoint().id(), upstream))
                    .doOnNext(event -> {
                        if (started.compareAndSet(false, true)) {
                            meter.servedBy(candidate);
                        }
                    })
                    .onErrorResume(ProviderException.class, error -> canFailOver(plan, index, error, started.get())
                            ? streamAttempt(plan, meter, index + 1)
                            : Flux.error(error));
        });
    }

    private List<DataBuffer> encode(StreamEvent event, Plan plan, GenerationMeter meter,
                                                                       SseFrames frames) {
        if (event instanceof StreamEvent.Chunk chunk) {
            return List.of(frames.data(shaper.chunk(chunk.chunk(), plan, meter.servedBy())));
        }
        return List.of();
    }

    private Flux<DataBuffer> keepalive(SseFrames frames) {
        return Flux.interval(properties.keepaliveInterval()).map(tick -> frames.processing());
    }

    private Flux<DataBuffer> finish(Plan plan, GenerationMeter meter, SseFrames frames) {
        Charge charge = settlement.price(plan, meter);
        ObjectNode usage = shaper.usageChunk(plan, meter.servedBy(), meter.usageToCharge(plan.request().promptTokensEstimate()), charge);
        return Flux.just(frames.data(usage), frames.done());
    }

    /**
     * Before the first byte the client gets a normal HTTP error; after it, OpenRouter's error
     * chunk (status stays 200), then the usage of what was generated, then {@code [DONE]}.
     */
    private Flux<DataBuffer> failure(Throwable error, Plan plan, GenerationMeter meter,
                                                                        SseFrames frames, ServerHttpResponse response) {
        ApiException api = toApiException(error);
        if (!meter.anyFrameSent()) {
            response.setStatusCode(api.status());
            response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
            response.getHeaders().addAll(api.headers());
            byte[] body = json.writeValueAsBytes(ErrorBody.of(api.status().value(), api.getMessage(), api.metadata()));
            return Flux.just(response.bufferFactory().wrap(body));
        }
        Charge charge = settlement.price(plan, meter);
        return Flux.just(
                frames.data(shaper.errorChunk(plan, meter.servedBy(), api.status().value(), api.getMessage())),
                frames.data(shaper.usageChunk(plan, meter.servedBy(), meter.usageToCharge(plan.request().promptTokensEstimate()), charge)),
                frames.done());
    }

    // ---- whole answers ---------------------------------------------------------------------------

    /**
     * The upstream call runs to its end even if the client hangs up, so that what it generated is
     * known and charged; the client's cancellation only stops waiting for it.
     */
    private Mono<ServerResponse> complete(Plan plan) {
        GenerationMeter meter = new GenerationMeter();
        Mono<ObjectNode> answer = completeAttempt(plan, meter, 0)
                .map(completion -> settleCompletion(plan, meter, completion))
                .doOnError(error -> settlement.settleDetached(plan, meter, Charge.ZERO, false, false));
        return Mono.fromFuture(answer.toFuture(), true)
                .onErrorMap(ProviderException.class, this::toApiException)
                .flatMap(body -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body));
    }

    private Mono<Completion> completeAttempt(Plan plan, GenerationMeter meter, int index) {
        Candidate candidate = plan.route().candidates().get(index);
        return candidate.connection().adapter().complete(call(plan, candidate))
                .transform(upstream -> attempts.trackCompletion(candidate.endpoint().id(), upstream))
                .doOnNext(completion -> meter.servedBy(candidate))
                .onErrorResume(ProviderException.class, error -> canFailOver(plan, index, error, false)
                        ? completeAttempt(plan, meter, index + 1)
                        : Mono.error(error));
    }

    private ObjectNode settleCompletion(Plan plan, GenerationMeter meter, Completion completion) {
        meter.completed(completion.usage(), completion.finishReason());
        Charge charge = settlement.price(plan, meter);
        settlement.settleDetached(plan, meter, charge, false, false);
        return shaper.completion(completion.body(), plan, meter.servedBy(),
                meter.usageToCharge(plan.request().promptTokensEstimate()), charge);
    }

    // ---- shared ----------------------------------------------------------------------------------

    private static UpstreamCall call(Plan plan, Candidate candidate) {
        return new UpstreamCall(plan.generationId(), candidate.endpoint(), plan.request().body(),
                candidate.connection().baseUrl(), candidate.connection().apiKey());
    }

    private static boolean canFailOver(Plan plan, int index, ProviderException error, boolean started) {
        return !started && error.error().retryable() && index + 1 < plan.route().candidates().size();
    }

    private ApiException toApiException(Throwable error) {
        if (error instanceof ApiException api) {
            return api;
        }
        if (error instanceof ProviderException provider) {
            ProviderError e = provider.error();
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("provider_name", e.provider());
            metadata.put("raw", e.message());
            HttpHeaders headers = new HttpHeaders();
            String message = switch (e) {
                case ProviderError.RateLimited limited -> {
                    if (limited.retryAfter() != null) {
                        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfter().toSeconds()));
                    }
                    yield "Provider " + e.provider() + " is rate limited";
                }
                case ProviderError.TimedOut timedOut -> "Provider " + e.provider() + " timed out";
                case ProviderError.InvalidRequest invalid -> "Provider " + e.provider() + " rejected the request";
                case ProviderError.AuthenticationFailed auth -> "Provider returned error";
                case ProviderError.Unavailable unavailable -> "Provider returned error";
            };
            return new ApiException(e.clientStatus(), message, metadata, headers);
        }
        return new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");
    }
}
