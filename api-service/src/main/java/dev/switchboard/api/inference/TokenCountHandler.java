package dev.switchboard.api.inference;

import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.switchboard.api.byok.ByokConnections;
import dev.switchboard.api.byok.ByokCredentials;
import dev.switchboard.api.identity.Caller;
import dev.switchboard.api.inference.messages.AnthropicRequestTranslator;
import dev.switchboard.api.provider.ProviderException;
import dev.switchboard.api.provider.UpstreamCall;
import dev.switchboard.api.routing.Candidate;
import dev.switchboard.api.routing.RoutePlanner;
import dev.switchboard.api.routing.RoutingRequest;

/**
 * Anthropic's {@code POST /api/v1/messages/count_tokens}: the prompt's size in tokens, which the
 * Anthropic SDK and Claude Code ask for before they send (to compact a long conversation). Nothing
 * is held or charged, and no generation is recorded. The request is validated and routed like a
 * Messages request; when the endpoint routing chooses speaks an API that can count (Anthropic's,
 * with the platform's key or the organisation's own), its exact figure is returned, otherwise the
 * gateway's own estimate, the one that sizes context checks. {@value #HEADER} says which.
 */
@Component
class TokenCountHandler {

    /** {@code exact} when the upstream counted, {@code estimated} when the gateway did. */
    static final String HEADER = "X-Switchboard-Token-Count";

    private final ObjectMapper json;
    private final AnthropicRequestTranslator requests;
    private final RoutePlanner planner;
    private final ByokCredentials byokCredentials;
    private final ByokConnections byok;

    TokenCountHandler(ObjectMapper json, RoutePlanner planner, ByokCredentials byokCredentials, ByokConnections byok) {
        this.json = json;
        this.requests = new AnthropicRequestTranslator(json);
        this.planner = planner;
        this.byokCredentials = byokCredentials;
        this.byok = byok;
    }

    private record TokenCount(long inputTokens, boolean exact) {
    }

    Mono<ServerResponse> handle(ServerRequest request) {
        return Mono.zip(ChatCompletionsHandler.caller(request), ChatCompletionsHandler.body(request))
                .flatMap(callerAndBody -> count(callerAndBody.getT1(), parse(callerAndBody.getT2())))
                .flatMap(count -> ServerResponse.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .header(HEADER, count.exact() ? "exact" : "estimated")
                        .bodyValue(Map.of("input_tokens", count.inputTokens())));
    }

    private ChatRequest parse(byte[] body) {
        return ChatRequest.of(requests.countRequestToChat(ChatRequest.readObject(body, json)));
    }

    /** Routes as a Messages request would (the organisation's keyring first: routing reads it), then counts. */
    private Mono<TokenCount> count(Caller caller, ChatRequest chat) {
        RoutingRequest routing = RoutingRequest.of(caller.orgId(), chat.body(), chat.promptTokensEstimate(),
                chat.maxTokens(), null);
        return byokCredentials.forOrg(caller.orgId())
                .then(Mono.fromCallable(() -> planner.plan(routing, null).candidates().getFirst()))
                .flatMap(candidate -> upstreamCount(candidate, chat))
                .switchIfEmpty(Mono.fromSupplier(() -> new TokenCount(chat.promptTokensEstimate(), false)));
    }

    /**
     * The chosen endpoint's own count, or empty when its API has none. An upstream failure is the
     * client's answer (in Anthropic's shape), not silently an estimate: a client that asked for the
     * count of an Anthropic model is owed the exact one or an error it can retry.
     */
    private Mono<TokenCount> upstreamCount(Candidate candidate, ChatRequest chat) {
        UpstreamCall call = new UpstreamCall(GenerationIds.next(), candidate.endpoint(), chat.body(),
                candidate.connection().baseUrl(), candidate.connection().apiKey());
        return byok.guard(candidate, Mono.defer(() -> candidate.connection().adapter().countTokens(call)))
                .map(tokens -> new TokenCount(tokens, true))
                .onErrorMap(ProviderException.class, ChatCompletionsHandler::toApiException);
    }
}
