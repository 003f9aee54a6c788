package dev.switchboard.api.admin.catalog;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * catalog-service's internal admin API, served locally: records every request and answers an import
^ * whose body mentions {@code "bad"} with catalog-service's 400, anything else with a fixed 200 body.
 */
final class CatalogAdminStub {

    static final String REFUSED = "{\"error\":{\"code\":400,\"message\":\"entry 'x/y': field 'pricing.prompt' must not be"
            + " negative\",\"metadata\":{\"entry\":\"x/y\",\"field\":\"pricing.prompt\"}}}";
    static final String ACCEPTED = "{\"format\":\"openrouter\",\"models\":1,\"endpoints\":1,\"pricesChanged\":1,"
            + "\"skipped\":0,\"version\":\"abc\"}";

    private static final CatalogAdminStub INSTANCE = new CatalogAdminStub();

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final DisposableServer server;

    private CatalogAdminStub() {
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle(this::answer)
                .bindNow();
    }

    static CatalogAdminStub instance() {
        return INSTANCE;
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** One request as catalog-service would have seen it. */
    record Received(String method, String uri, String authorization, String contentType, String body) {
    }

    List<Received> received(String uriPrefix) {
        return received.stream().filter(r -> r.uri().startsWith(uriPrefix)).toList();
    }

    private Mono<Void> answer(HttpServerRequest request, HttpServerResponse response) {
        return request.receive().aggregate().asString().defaultIfEmpty("")
                .doOnNext(body -> received.add(new Received(request.method().name(), request.uri(),
                        request.requestHeaders().get("Authorization"), request.requestHeaders().get("Content-Type"),
                        body)))
                .flatMap(body -> respond(request, body, response));
    }

    private static Mono<Void> respond(HttpServerRequest request, String body, HttpServerResponse response) {
        if (!request.uri().startsWith("/internal/catalog/import") && !request.uri().contains("/status")) {
            return response.status(404).header("Content-Type", "application/json")
                    .sendString(Mono.just("{\"error\":{\"code\":404,\"message\":\"not here\"}}")).then();
        }
        boolean refused = body.contains("bad");
        return response.status(refused ? 400 : 200)
                .header("Content-Type", "application/json")
                .sendString(Mono.just(refused ? REFUSED : ACCEPTED))
                .then();
    }
}
