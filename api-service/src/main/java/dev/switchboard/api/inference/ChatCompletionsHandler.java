package dev.switchboard.api.inference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;
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

import dev.switchboard.api.credit.Charge;
import dev.switchboard.api.credit.Pricing;
import dev.switchboard.api.error.ApiException;
import dev.switchboard.api.identity.Caller;
import dev.switchboard.api.identity.keys.KeyLimit;
import dev.switchboard.api.provider.Completion;
import dev.switchboard.api.provider.ProviderError;
import dev.switchboard.api.provider.ProviderException;
import dev.switchboard.api.provider.StreamEvent;
import dev.switchboard.api.catalog.CatalogSync;
import dev.switchboard.api.catalog.Model;
import dev.switchboard.api.ratelimit.FreeModelRateLimiter;
import dev.switchboard.api.routing.Candidate;
import dev.switchboard.api.routing.Route;
import dev.switchboard.api.routing.RoutePlanner;
import dev.switchboard.api.routing.RoutingRequest;
import dev.switchboard.api.routing.StickyRoutes;
import dev.switchboard.api.routing.Variant;

/**
 * {@code POST /api/v1/chat/completions}, and the pipeline every chat-like {@link InboundApi} runs
 * through ({@link #serve}): authenticate (done by the security layer) → parse and
 * validate → route from the in-memory catalog (with the session's sticky endpoint, if any) → hold
 * the worst-case cost → call upstream, failing over before the first byte to the next endpoint and
 * then the next model, within {@code switchboard.routing.max-attempts} and {@code failover-window}
 * → stream back with a flush per event, or answer in one body → settle the actual usage, whatever
 * way the request ended, with every attempt and the routing decision. An inbound API translates
 * only at the ends; the attempts themselves, and their failover, are {@link CandidateAttempts}.
 */
@Component
class ChatCompletionsHandler {

    private final ObjectMapper json;
    private final RoutePlanner planner;
    private final Pricing pricing;
    private final Settlement settlement;
    private final ResponseShaper shaper;
    private final InferenceProperties properties;
    private final CandidateAttempts failover;
    private final StickyRoutes sticky;
    private final RouteReport report;
    private final FreeModelRateLimiter freeModels;
    private final CatalogSync catalog;
    private final ChatCompletionsApi chatApi;
    private final CreditGate gate;

    ChatCompletionsHandler(ObjectMapper json, RoutePlanner planner, Pricing pricing,
                           Settlement settlement, ResponseShaper shaper, InferenceProperties properties,
                           CandidateAttempts failover, StickyRoutes sticky, RouteReport report, FreeModelRateLimiter freeModels,
                           CatalogSync catalog, ChatCompletionsApi chatApi, CreditGate gate) {
        this.json = json;
        this.planner = planner;
        this.pricing = pricing;
        this.settlement = settlement;
        this.shaper = shaper;
        this.properties = properties;
        this.failover = failover;
        this.sticky = sticky;
        this.report = report;
        this.freeModels = freeModels;
        this.catalog = catalog;
        this.chatApi = chatApi;
        this.gate = gate;
    }

    Mono<ServerResponse> handle(ServerRequest request) {
        return serve(request, chatApi);
    }

    /** Runs {@code request}, spoken in {@code api}, through the pipeline. */
    Mono<ServerResponse> serve(ServerRequest request, InboundApi api) {
        return Mono.zip(caller(request), body(request))
                .flatMap(callerAndBody -> plan(callerAndBody.getT1(), parse(callerAndBody.getT2(), api), request, api))
                .flatMap(this::hold)
                .flatMap(plan -> plan.request().stream() ? stream(plan, api) : complete(plan, api));
    }

    static Mono<Caller> caller(ServerRequest request) {
        return request.principal()
                .filter(Authentication.class::isInstance)
                .map(principal -> ((Authentication) principal).getPrincipal())
                .ofType(Caller.class)
                .switchIfEmpty(Mono.error(() -> ApiException.unauthorized("No auth credentials found")))
                .filter(Caller::mayCallInference)
                .switchIfEmpty(Mono.error(() -> ApiException.forbidden("Management keys cannot call inference endpoints")));
    }

    static Mono<byte[]> body(ServerRequest request) {
        return request.bodyToMono(byte[].class)
                .switchIfEmpty(Mono.error(() -> ApiException.badRequest("Request body is required")));
    }

    private ChatRequest parse(byte[] body, InboundApi api) {
        return ChatRequest.of(api.toChat(ChatRequest.readObject(body, json)));
    }

    /** Routes the request; the one Redis read is the sticky endpoint, and only for a request with a session. */
    private Mono<Plan> plan(Caller caller, ChatRequest chat, ServerRequest request, InboundApi api) {
        RoutingRequest routingRequest = RoutingRequest.of(caller.orgId(), chat.body(), chat.promptTokensEstimate(),
                chat.maxTokens(), request.headers().firstHeader("x-session-id"));
        String primary = routingRequest.models().getFirst().modelId();
        if (catalog.view().model(primary).map(Model::embeds).orElse(false)) {
            return Mono.error(ApiException.badRequest("Model '" + primary + "' is an embedding model: use /api/v1/embeddings"));
        }
        String origin = request.headers().firstHeader("HTTP-Referer");
        // the organisation's keyring is loaded before planning: the routing hook (ByokConnections) reads it
        boolean free = routingRequest.models().stream().anyMatch(choice -> choice.variant() == Variant.FREE);
        // Set on the exchange's response, not on the answer built later, so that whatever this request
        // ends in (a body, a stream's first bytes, a 402 or an upstream error) tells what is left.
        Mono<?> allowance = free
                ? freeModels.admit(caller.orgId())
                        .doOnNext(admitted -> admitted.describeIn(request.exchange().getResponse().getHeaders()))
                : Mono.empty();
        return allowance
                .then(Mono.zip(gate.beforePlanning(caller),
                        sticky.lookup(caller.orgId(), primary, routingRequest.stickinessKey())
                                .map(Optional::of)
                                .defaultIfEmpty(Optional.empty())))
                .map(limitAndStuck -> {
                    Route route = planner.plan(routingRequest, limitAndStuck.getT2().orElse(null));
                    KeyLimit keyLimit = limitAndStuck.getT1().orElse(null);
                    CreditGate.WorstCase worst = (candidate, byok) -> pricing.worstCaseNanos(candidate.endpoint().prices(),
                            chat.promptTokensUpper(), completionCap(chat, candidate), byok);
                    return new Plan(caller, GenerationIds.next(), chat, routingRequest, route,
                            CreditGate.worstCharged(route.candidates(), worst), origin, api.name(), keyLimit,
                            CreditGate.worstCountedAgainstKey(route.candidates(), keyLimit, worst));
                });
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
        return gate.hold(plan, "lower max_tokens", available -> insufficientCredits(plan, available));
    }

    private ApiException insufficientCredits(Plan plan, long availableNanos) {
        if (availableNanos <= 0) {
            return ApiException.paymentRequired("Insufficient credits: the balance is "
                    + Pricing.usd(availableNanos).toPlainString() + " USD. Add credits to continue.");
        }
        Candidate cheapest = plan.route().candidates().getFirst();
        long affordable = pricing.affordableCompletionTokens(cheapest.endpoint().prices(),
                plan.request().promptTokensUpper(), availableNanos, cheapest.byok());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("required_usd", Pricing.usd(plan.heldNanos()));
        metadata.put("available_usd", Pricing.usd(availableNanos));
        metadata.put("affordable_completion_tokens", affordable);
        return new ApiException(HttpStatus.PAYMENT_REQUIRED, "This request requires more credits, or fewer max_tokens. "
                + "It may cost up to " + Pricing.usd(plan.heldNanos()).toPlainString() + " USD, but only " + Pricing.usd(availableNanos).toPlainString()
                + " USD is available, which can afford about " + affordable + " completion tokens.", metadata);
    }

    // ---- streamed answers ------------------------------------------------------------------------

    private Mono<ServerResponse> stream(Plan plan, InboundApi api) {
        return ServerResponse.ok()
                .contentType(MediaType.TEXT_EVENT_STREAM)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .header("X-Generation-Id", plan.generationId())
                .body((message, context) -> writeStream((ServerHttpResponse) message, plan, api));
    }

    private Mono<Void> writeStream(ServerHttpResponse response, Plan plan, InboundApi api) {
        SseFrames frames = new SseFrames(response.bufferFactory(), json);
        Flux<Publisher<DataBuffer>> events = Flux.defer(() -> {
            GenerationMeter meter = new GenerationMeter();
            response.beforeCommit(() -> Mono.fromRunnable(() -> response.getHeaders().set(RouteReport.HEADER,
                    report.compact(plan, meter))));
            InboundApi.StreamWriter writer = api.streamWriter(plan, frames);
            // The upstream's end travels as a signal behind the events received before it: publish,
            // merge and concatMapIterable drop what they have queued when an error arrives, which
            // lost chunks already received (and charged) when an upstream failed right after them.
            return failover.stream(plan, meter)
                    .materialize()
                    .publish(shared -> Flux.merge(
                            shared.doOnNext(signal -> observe(signal, meter))
                                    .concatMapIterable(signal -> encode(signal, plan, meter, writer)),
                            keepalive(writer).map(Signal::next).takeUntilOther(shared.take(1))))
                    .<DataBuffer>dematerialize()
                    .concatWith(Flux.defer(() -> finish(plan, meter, writer)))
                    .onErrorResume(error -> failure(error, plan, api, meter, writer, response))
                    .doOnNext(frame -> meter.framesSent())
                    .doFinally(signal -> settlement.settleDetached(plan, meter, settlement.price(plan, meter), true,
                            signal == SignalType.CANCEL))
                    .map(Mono::just);
        });
        return response.writeAndFlushWith(events);
    }

    private static void observe(Signal<StreamEvent> signal, GenerationMeter meter) {
        if (signal.isOnNext()) {
            meter.observe(signal.get());
        }
    }

    /** A chunk becomes its frames; the upstream's completion or error passes on as it is, in order. */
    private List<Signal<DataBuffer>> encode(Signal<StreamEvent> signal, Plan plan, GenerationMeter meter,
                                            InboundApi.StreamWriter writer) {
        if (!signal.isOnNext()) {
            return List.of(signal.isOnError() ? Signal.error(signal.getThrowable()) : Signal.complete());
        }
        return switch (signal.get()) {
            case StreamEvent.Chunk chunk -> writer.chunk(shaper.chunk(chunk.chunk(), plan, meter.servedBy())).stream()
                    .map(Signal::next)
                    .toList();
            case StreamEvent.HiddenPieces hidden -> List.of();
            case StreamEvent.InputUsage input -> {
                writer.inputCounted(input.usage());
                yield List.of();
            }
            case StreamEvent.Usage usage -> List.of();
        };
    }

    /**
     * Keepalives while waiting for the first token. A tick the connection has no room for is
     * dropped: without that, {@code Flux.interval} fails the whole stream with an overflow error
     * when the client reads slowly, and a keepalive that cannot be sent is not needed anyway.
     */
    private Flux<DataBuffer> keepalive(InboundApi.StreamWriter writer) {
        return Flux.interval(properties.keepaliveInterval())
                .onBackpressureDrop()
                .concatMapIterable(tick -> writer.keepalive());
    }

    private Flux<DataBuffer> finish(Plan plan, GenerationMeter meter, InboundApi.StreamWriter writer) {
        Charge charge = settlement.price(plan, meter);
        ObjectNode usage = shaper.usageChunk(plan, meter.servedBy(), meter.usageToCharge(plan.request().promptTokensEstimate()), charge);
        return Flux.fromIterable(writer.finish(usage));
    }

    /**
     * Before the first byte the client gets a normal HTTP error; after it, OpenRouter's error
     * chunk (status stays 200), then the usage of what was generated, then {@code [DONE]}.
     */
    private Flux<DataBuffer> failure(Throwable error, Plan plan, InboundApi inbound, GenerationMeter meter,
                                     InboundApi.StreamWriter writer, ServerHttpResponse response) {
        ApiException api = toApiException(error);
        if (!meter.anyFrameSent()) {
            response.setStatusCode(inbound.errorStatus(api));
            response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
            response.getHeaders().addAll(api.headers());
            byte[] body = json.writeValueAsBytes(inbound.errorBody(api));
            return Flux.just(response.bufferFactory().wrap(body));
        }
        Charge charge = settlement.price(plan, meter);
        return Flux.fromIterable(writer.failure(api,
                shaper.errorChunk(plan, meter.servedBy(), api.status().value(), api.getMessage()),
                shaper.usageChunk(plan, meter.servedBy(), meter.usageToCharge(plan.request().promptTokensEstimate()), charge)));
    }

    // ---- whole answers ---------------------------------------------------------------------------

    /**
     * The upstream call runs to its end even if the client hangs up, so that what it generated is
     * known and charged; the client's cancellation only stops waiting for it.
     */
    private Mono<ServerResponse> complete(Plan plan, InboundApi api) {
        GenerationMeter meter = new GenerationMeter();
        Mono<ObjectNode> answer = failover.complete(plan, meter)
                .map(completion -> api.answer(settleCompletion(plan, meter, completion)))
                .doOnError(error -> settlement.settleDetached(plan, meter, Charge.ZERO, false, false));
        return Mono.fromFuture(answer.toFuture(), true)
                .onErrorMap(ProviderException.class, ChatCompletionsHandler::toApiException)
                .flatMap(body -> ServerResponse.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .header(RouteReport.HEADER, report.compact(plan, meter))
                        .bodyValue(body));
    }

    private ObjectNode settleCompletion(Plan plan, GenerationMeter meter, Completion completion) {
        meter.completed(completion.usage(), completion.finishReason());
        Charge charge = settlement.price(plan, meter);
        settlement.settleDetached(plan, meter, charge, false, false);
        return shaper.completion(completion.body(), plan, meter.servedBy(),
                meter.usageToCharge(plan.request().promptTokensEstimate()), charge);
    }

    // ---- shared ----------------------------------------------------------------------------------

    static ApiException toApiException(Throwable error) {
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
