package dev.switchboard.api.availability;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.switchboard.contracts.catalog.AttemptOutcome;

/**
 * catalog-service's {@code POST /internal/catalog/attempts}, served locally: records every request
 * (its Authorization header, its batch, the status it got) and answers 202, or 503 for as many
 * requests as it was told to fail.
 */
final class CatalogAttemptsStub implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<AttemptOutcome>> BATCH = new TypeReference<>() {
    };

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final DisposableServer server;

    CatalogAttemptsStub() {
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes.post("/internal/catalog/attempts", this::answer))
                .bindNow();
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The next {@code requests} requests get a 503. */
    void failNext(int requests) {
        failuresLeft.set(requests);
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** The batches answered 202, in arrival order. */
    List<List<AttemptOutcome>> accepted() {
        return received.stream().filter(r -> r.status() == 202).map(Received::batch).toList();
    }

    /** Every accepted attempt, in arrival order. */
    List<AttemptOutcome> acceptedAttempts() {
        return accepted().stream().flatMap(List::stream).toList();
    }

    private Mono<Void> answer(HttpServerRequest request, HttpServerResponse response) {
        return request.receive().aggregate().asString()
                .flatMap(body -> {
                    int status = failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0 ? 503 : 202;
                    List<AttemptOutcome> batch = JSON.readValue(body, BATCH);
                    received.add(new Received(request.requestHeaders().get("Authorization"), batch, status));
                    String answer = status == 202 ? "{\"recorded\":" + batch.size() + "}" : "{\"error\":{\"code\":503}}";
                    return response.status(status)
                            .header("Content-Type", "application/json")
                            .sendString(Mono.just(answer))
                            .then();
                });
    }

    @Override
    public void close() {
        server.disposeNow();
    }

    record Received(String authorization, List<AttemptOutcome> batch, int status) {
    }
}
