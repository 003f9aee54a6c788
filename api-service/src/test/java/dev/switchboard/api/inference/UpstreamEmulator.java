package dev.switchboard.api.inference;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.ChannelOption;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenAI-compatible upstream on a local port whose behaviour is chosen by the first path
 * segment, so that each emulated provider's base URL is {@code url("<behaviour>")}:
 *
 * <ul>
 *   <li>{@code ok}: answers "Hello world" (streamed: three chunks, then the usage);</li>
 *   <li>{@code e500}, {@code e402}: that status with an error body;</li>
 *   <li>{@code e429}: 429 with {@code Retry-After: 7};</li>
 *   <li>{@code hang}: accepts the request and never answers (first-byte timeout);</li>
 *   <li>{@code stall}: streams two chunks, then goes silent (idle timeout);</li>
 *   <li>{@code reset}: streams two chunks, then resets the TCP connection.</li>
 * </ul>
 *
 * Counts the requests each behaviour received.
 */
final class UpstreamEmulator implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final DisposableServer server;

    UpstreamEmulator() {
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes.post("/{behaviour}/chat/completions", this::answer))
                .bindNow();
    }

    String url(String behaviour) {
        return "http://127.0.0.1:" + server.port() + "/" + behaviour;
    }

    int calls(String behaviour) {
        AtomicInteger count = calls.get(behaviour);
        return count == null ? 0 : count.get();
    }

    private Mono<Void> answer(HttpServerRequest request, HttpServerResponse response) {
        String behaviour = request.param("behaviour");
        calls.computeIfAbsent(behaviour, b -> new AtomicInteger()).incrementAndGet();
        return request.receive().aggregate().asString()
                .flatMap(body -> {
                    boolean stream = JSON.readTree(body).path("stream").asBoolean(false);
                    return switch (behaviour) {
                        case "ok" -> stream ? sse(response, List.of(chunk("Hello"), chunk(" world"), finish(), usage()))
                                : json(response, 200, completion());
                        case "e500" -> json(response, 500, "{\"error\":{\"message\":\"upstream exploded\"}}");
                        case "e402" -> json(response, 402, "{\"error\":{\"message\":\"insufficient quota\"}}");
                        case "e429" -> {
                            response.header("Retry-After", "7");
                            yield json(response, 429, "{\"error\":{\"message\":\"slow down\"}}");
                        }
                        case "hang" -> Mono.never();
                        case "stall" -> response.header("Content-Type", "text/event-stream")
                                .sendString(Flux.concat(Flux.just(event(chunk("Hello")), event(chunk(" wor"))), Flux.never()))
                                .then();
                        case "reset" -> response.header("Content-Type", "text/event-stream")
                                .sendString(Flux.just(event(chunk("Hello")), event(chunk(" wor"))))
                                .then()
                                .then(Mono.delay(Duration.ofMillis(50)))
                                .then(Mono.fromRunnable(() -> response.withConnection(connection -> {
                                    connection.channel().config().setOption(ChannelOption.SO_LINGER, 0);
                                    connection.channel().close();
                                })))
                                .then(Mono.never());
                        default -> json(response, 404, "{\"error\":{\"message\":\"no such behaviour\"}}");
                    };
                });
    }

    private static Mono<Void> json(HttpServerResponse response, int status, String body) {
        return response.status(status).header("Content-Type", "application/json").sendString(Mono.just(body)).then();
    }

    private static Mono<Void> sse(HttpServerResponse response, List<String> events) {
        return response.header("Content-Type", "text/event-stream")
                .sendString(Flux.fromIterable(events).map(UpstreamEmulator::event).concatWithValues("data: [DONE]\n\n"))
                .then();
    }

    private static String event(String data) {
        return "data: " + data + "\n\n";
    }

    private static String chunk(String content) {
        return "{\"id\":\"up-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"up\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"content\":" + JSON.writeValueAsString(content) + "},\"finish_reason\":null}]}";
    }

    private static String finish() {
        return "{\"id\":\"up-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"up\",\"choices\":[{\"index\":0,"
                + "\"delta\":{},\"finish_reason\":\"stop\"}]}";
    }

    private static String usage() {
        return "{\"id\":\"up-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"up\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}";
    }

    private static String completion() {
        return "{\"id\":\"up-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"up\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"Hello world\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}";
    }

    static JsonNode parse(String json) {
        return JSON.readTree(json);
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
