package dev.switchboard.api.inference;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.switchboard.api.credit.Charge;
import dev.switchboard.api.credit.Pricing;
import dev.switchboard.api.error.ApiException;
import dev.switchboard.api.identity.Caller;
import dev.switchboard.api.identity.keys.KeyLimit;
import dev.switchboard.api.provider.Completion;
import dev.switchboard.api.provider.ProviderException;
import dev.switchboard.api.routing.RankedCandidate;
import dev.switchboard.api.routing.Route;
import dev.switchboard.api.routing.RoutePlanner;
import dev.switchboard.api.routing.RoutingRequest;
import dev.switchboard.api.catalog.CatalogSync;
import dev.switchboard.api.catalog.CatalogView;
import dev.switchboard.api.catalog.Model;
import dev.switchboard.contracts.billing.UsageEvent;

/**
 * {@code POST /api/v1/embeddings}: parse → load the BYOK keyring and the key's limit → route to an
 * embedding model's endpoints whose adapter can embed (the organisation's own keys first, as for
 * chat) → hold the worst case (every input byte a token, at the endpoint's prompt price plus the
 * platform fee, or the BYOK fee) against the key's limit and the balance → call upstream, failing
 * over as chat does → settle the reported input tokens, or the estimate when the upstream
 * reports none → answer in OpenAI's shape, with the usage and its cost. Charged, limited and
 * recorded like chat, through the same {@link CreditGate}.
 */
@Component
class EmbeddingsHandler {

    private final ObjectMapper json;
    private final RoutePlanner planner;
    private final CreditGate gate;
    private final Pricing pricing;
    private final Settlement settlement;
    private final ResponseShaper shaper;
    private final CandidateAttempts failover;
    private final CatalogSync catalog;

    EmbeddingsHandler(ObjectMapper json, RoutePlanner planner, CreditGate gate, Pricing pricing,
                      Settlement settlement, ResponseShaper shaper, CandidateAttempts failover,
                      CatalogSync catalog) {
        this.json = json;
        this.planner = planner;
        this.gate = gate;
        this.pricing = pricing;
        this.settlement = settlement;
        this.shaper = shaper;
        this.failover = failover;
        this.catalog = catalog;
    }

    Mono<ServerResponse> handle(ServerRequest request) {
        return Mono.zip(ChatCompletionsHandler.caller(request), request.bodyToMono(byte[].class)
                        .switchIfEmpty(Mono.error(() -> ApiException.badRequest("Request body is required"))))
                .flatMap(callerAndBody -> plan(callerAndBody.getT1(),
                        EmbeddingsRequest.of(ChatRequest.readObject(callerAndBody.getT2(), json)), request))
                .flatMap(this::hold)
                .flatMap(this::embed)
                .flatMap(body -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body));
    }

    /** The keyring is loaded before planning, as for chat: the routing hook (ByokConnections) reads it. */
    private Mono<Planned> plan(Caller caller, EmbeddingsRequest embeddings, ServerRequest request) {
        return gate.beforePlanning(caller)
                .map(keyLimit -> plan(caller, embeddings, keyLimit.orElse(null), request.headers().firstHeader("HTTP-Referer")));
    }

    private Planned plan(Caller caller, EmbeddingsRequest embeddings, KeyLimit keyLimit, String origin) {
        ChatRequest pipeline = embeddings.asPipelineRequest();
        RoutingRequest routing = RoutingRequest.of(caller.orgId(), pipeline.body(), embeddings.inputTokensEstimate(), 0, null);
        Route route = planner.plan(routing, null);
        CatalogView view = catalog.view();
        boolean embeds = view.model(route.primaryModelId()).map(Model::embeds).orElse(false);
        if (!embeds) {
            throw ApiException.badRequest("Model '" + embeddings.model() + "' does not produce embeddings: "
                    + "use /api/v1/chat/completions, or an embedding model");
        }
        List<RankedCandidate> embedding = route.ranked().stream()
                .filter(ranked -> ranked.candidate().connection().adapter().embeds()
                        && view.model(ranked.candidate().modelId()).map(Model::embeds).orElse(false))
                .toList();
        if (embedding.isEmpty()) {
            throw ApiException.badRequest("Model '" + embeddings.model() + "' does not support embeddings "
                    + "through any provider configured here");
        }
        Route embeddingRoute = new Route(route.primaryModelId(), embedding, route.excluded(), route.strategy());
        CreditGate.WorstCase worst = (candidate, byok) -> pricing.worstCaseNanos(candidate.endpoint().prices(),
                embeddings.inputTokensUpper(), 0, byok);
        Plan plan = new Plan(caller, GenerationIds.next(), pipeline, routing, embeddingRoute,
                CreditGate.worstCharged(embeddingRoute.candidates(), worst), origin, UsageEvent.API_EMBEDDINGS, keyLimit,
                CreditGate.worstCountedAgainstKey(embeddingRoute.candidates(), keyLimit, worst));
        return new Planned(plan, embeddings);
    }

    private record Planned(Plan plan, EmbeddingsRequest request) {
    }

    private Mono<Planned> hold(Planned planned) {
        Plan plan = planned.plan();
        return gate.hold(plan, "send less input", available -> ApiException.paymentRequired(
                        "Insufficient credits: this request may cost up to " + Pricing.usd(plan.heldNanos()).toPlainString()
                                + " USD, but only " + Pricing.usd(available).toPlainString() + " USD is available."))
                .thenReturn(planned);
    }

    /**
     * Like a non-streamed chat answer (the same {@link CandidateAttempts}: failover, circuit breakers,
     * the BYOK base-URL check, attempt records), the upstream call runs to its end even if the client hangs up.
     */
    private Mono<ObjectNode> embed(Planned planned) {
        Plan plan = planned.plan();
        GenerationMeter meter = new GenerationMeter();
        Mono<ObjectNode> answer = failover.embed(plan, meter)
                .map(result -> settle(planned, meter, result))
                .doOnError(error -> settlement.settleDetached(plan, meter, Charge.ZERO, false, false));
        return Mono.fromFuture(answer.toFuture(), true)
                .onErrorMap(ProviderException.class, ChatCompletionsHandler::toApiException);
    }

    private ObjectNode settle(Planned planned, GenerationMeter meter, Completion result) {
        Plan plan = planned.plan();
        meter.completed(result.usage(), result.finishReason());
        Charge charge = settlement.price(plan, meter);
        settlement.settleDetached(plan, meter, charge, false, false);
        ObjectNode body = result.body();
        body.put("id", plan.generationId());
        body.put("model", plan.modelId());
        body.put("provider", meter.servedBy().endpoint().provider().name());
        if (planned.request().base64()) {
            for (JsonNode item : body.path("data")) {
                if (item instanceof ObjectNode embedding && embedding.path("embedding").isArray()) {
                    embedding.put("embedding", base64(embedding.get("embedding")));
                }
            }
        }
        ObjectNode usage = shaper.usage(meter.usageToCharge(plan.request().promptTokensEstimate()), charge,
                meter.servedBy().byok());
        usage.remove(List.of("completion_tokens", "completion_tokens_details"));
        if (result.usage().promptTokens() == 0) {
            // The upstream counted nothing (Gemini before usageMetadata): the charge is the gateway's
            // estimate, one token per four bytes of input, and the client is told so.
            usage.put("prompt_tokens_estimated", true);
        }
        body.set("usage", usage);
        return body;
    }

    /** OpenAI's base64 form: the vector's float32 values, little-endian, base64-encoded. */
    static String base64(JsonNode vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (JsonNode value : vector) {
            bytes.putFloat(value.floatValue());
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
