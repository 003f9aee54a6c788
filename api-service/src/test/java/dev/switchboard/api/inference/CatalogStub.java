package dev.switchboard.api.inference;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.switchboard.contracts.catalog.AttemptOutcome;
import dev.switchboard.contracts.catalog.CatalogSnapshot;

/**
 * catalog-service's two internal endpoints the api-service calls on the inference path, served
 * locally: {@code GET /internal/catalog/snapshot} (a fixed snapshot) and
 * {@code POST /internal/catalog/attempts} (recorded, answered 202).
 */
final class CatalogStub implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<AttemptOutcome>> BATCH = new TypeReference<>() {
    };

    private final List<AttemptOutcome> attempts = new CopyOnWriteArrayList<>();
    private final DisposableServer server;

    CatalogStub(CatalogSnapshot snapshot) {
        String body = JSON.writeValueAsString(snapshot);
        String etag = "\"" + snapshot.version() + "\"";
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes
                        .get("/internal/catalog/snapshot", (request, response) -> etag.equals(
                                request.requestHeaders().get("If-None-Match"))
                                ? response.status(304).send()
                                : response.header("Content-Type", "application/json")
                                        .header("ETag", etag)
                                        .sendString(Mono.just(body)))
                        .post("/internal/catalog/attempts", (request, response) -> request.receive().aggregate().asString()
                                .doOnNext(batch -> attempts.addAll(JSON.readValue(batch, BATCH)))
                                .then(response.status(202).sendString(Mono.just("{}")).then())))
                .bindNow();
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    List<AttemptOutcome> attempts() {
        return List.copyOf(attempts);
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
