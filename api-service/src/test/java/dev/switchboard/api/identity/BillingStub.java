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
import dev.switchboard.contracts.billing.PurchasesView;

/**
 * billing-service's account endpoints, served locally for tests: {@code POST /internal/accounts},
 * {@code POST /internal/grants}, {@code GET /internal/orgs/{org}/credits} and {@code …/purchase-total}
 * (always none); the purchase and Stripe endpoints are answered by {@link PurchasesStub}. Records
 * every request; credits are the sum of the organisation's grants.
 */
public final class BillingStub {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final BillingStub INSTANCE = new BillingStub();

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final PurchasesStub purchases = new PurchasesStub();
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

    /** billing-service's purchase endpoints, as {@link PurchasesStub} answers them. */
    public PurchasesStub purchases() {
        return purchases;
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private Mono<Void> answer(HttpServerRequest request, HttpServerResponse response) {
        String path = request.path().startsWith("/") ? request.path() : "/" + request.path();
        boolean accountRead = path.endsWith("/credits") || path.endsWith("/purchase-total");
        if (!accountRead && (path.startsWith("/internal/orgs/") || path.startsWith("/internal/stripe/"))) {
            return request.receive().aggregate().asString().defaultIfEmpty("")
                    .flatMap(body -> purchases.answer(request.method().name(), path, query(request),
                            request.requestHeaders().get("Stripe-Signature"), body, response));
        }
        return request.receive().aggregate().asString().defaultIfEmpty("{}")
                .map(JSON::readTree)
                .doOnNext(body -> received.add(new Received(request.path().startsWith("/") ? request.path() : "/" + request.path(),
                        request.requestHeaders().get("Authorization"), body)))
                .flatMap(body -> response.header("Content-Type", "application/json")
                        .sendString(Mono.just(JSON.writeValueAsString(request.path().endsWith("/purchase-total")
                                ? new PurchasesView(orgId(request.path(), body), 0)
                                : creditsAfter(orgId(request.path(), body)))))
                        .then());
    }

    private static String query(HttpServerRequest request) {
        int mark = request.uri().indexOf('?');
        return mark < 0 ? "" : request.uri().substring(mark + 1);
    }

    /** From the body of a POST, or from the path of {@code GET /internal/orgs/{org}/credits}. */
    private static UUID orgId(String path, JsonNode body) {
        if (body.has("orgId")) {
            return UUID.fromString(body.get("orgId").stringValue());
        }
        String[] parts = path.replaceFirst("^/", "").split("/");
        return UUID.fromString(parts[2]);
    }

    private CreditsView creditsAfter(UUID orgId) {
        long granted = received("/internal/grants").stream()
                .filter(r -> r.body().get("orgId").stringValue().equals(orgId.toString()))
                .mapToLong(r -> r.body().get("amountNanos").longValue())
                .sum();
        return new CreditsView(orgId, granted, 0, granted);
    }
}
