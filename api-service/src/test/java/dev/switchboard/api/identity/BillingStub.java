package dev.switchboard.api.identity;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.switchboard.contracts.billing.CreditsView;

/**
 * billing-service's two account endpoints, served locally for tests: {@code POST /internal/accounts}
 * and {@code POST /internal/grants}. Records every request; a grant answers with the organisation's
 * credits equal to the sum of its grants.
 */
public final class BillingStub {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final BillingStub INSTANCE = new BillingStub();

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final DisposableServer server;

    private BillingStub() {
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle(this::answer)
                .bindNow();
    }

    public static BillingStub instance() {
        return INSTANCE;
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** @param authorization the Authorization header the api-service sent */
    public record Received(String path, String authorization, JsonNode body) {
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private Mono<Void> answer(HttpServerRequest request, HttpServerResponse response) {
        return request.receive().aggregate().asString().defaultIfEmpty("{}")
                .map(JSON::readTree)
                .doOnNext(body -> received.add(new Received(request.path().startsWith("/") ? request.path() : "/" + request.path(),
                        request.requestHeaders().get("Authorization"), body)))
                .flatMap(body -> response.header("Content-Type", "application/json")
                        .sendString(Mono.just(JSON.writeValueAsString(creditsAfter(body))))
                        .then());
    }

    private CreditsView creditsAfter(JsonNode body) {
        UUID orgId = UUID.fromString(body.get("orgId").stringValue());
        long granted = received("/internal/grants").stream()
                .filter(r -> r.body().get("orgId").stringValue().equals(orgId.toString()))
                .mapToLong(r -> r.body().get("amountNanos").longValue())
                .sum();
        return new CreditsView(orgId, granted, 0, granted);
    }
}
