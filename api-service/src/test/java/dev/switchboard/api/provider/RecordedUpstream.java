package dev.switchboard.api.provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.handler.codec.http.HttpHeaders;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A local stand-in for a provider's API that replays recorded wire traffic from
 * {@code src/test/resources/upstream/<provider>/}. The request names its recording with a
 * {@code fixture:<name>} marker anywhere in its body (the test puts it in the user message, which
 * every translator carries through): a streamed request gets {@code <name>.sse} one event at a
 * time, flushed each, anything else {@code <name>.json}. A recording named {@code http-<status>-…}
 * is sent with that status ({@code Retry-After: 7} on a 429); {@code fixture:silent} gets no answer
 * for 30 s, to try timeouts. Every request is kept for assertions.
 */
public final class RecordedUpstream implements AutoCloseable {

    private static final Pattern FIXTURE = Pattern.compile("fixture:([a-z0-9-]+)");
    private static final Pattern STATUS = Pattern.compile("http-(\\d{3})-.*");

    private final String provider;
    private final DisposableServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    /** One request as the provider would have seen it. */
    public record Received(String method, String uri, HttpHeaders headers, String body) {

        public String header(String name) {
            return headers.get(name);
        }
    }

    public RecordedUpstream(String provider) {
        this.provider = provider;
        this.server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle(this::answer)
                .bindNow();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The port it listens on, for a test that reaches it under another host name. */
    public int port() {
        return server.port();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The last request whose body names {@code fixture}. */
    public Received last(String fixture) {
        return received.reversed().stream()
                .filter(r -> r.body().contains("fixture:" + fixture))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no request for fixture " + fixture + " in " + received));
    }

    private Mono<Void> answer(HttpServerRequest request, HttpServerResponse response) {
        return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                .flatMap(body -> {
                    received.add(new Received(request.method().name(), request.uri(), request.requestHeaders().copy(), body));
                    return replay(request, body, response);
                });
    }

    private Mono<Void> replay(HttpServerRequest request, String body, HttpServerResponse response) {
        Matcher fixture = FIXTURE.matcher(body);
        if (!fixture.find()) {
            return response.status(400).sendString(Mono.just("{\"error\":{\"message\":\"no fixture named\"}}")).then();
        }
        String name = fixture.group(1);
        if ("silent".equals(name)) {
            return Mono.delay(Duration.ofSeconds(30)).then(response.status(504).send());
        }
        Matcher status = STATUS.matcher(name);
        if (status.matches()) {
            int code = Integer.parseInt(status.group(1));
            HttpServerResponse answer = response.status(code).header("Content-Type", "application/json");
            if (code == 429) {
                answer = answer.header("Retry-After", "7");
            }
            return answer.sendString(Mono.just(read(name + ".json"))).then();
        }
        boolean streamed = request.uri().contains("streamGenerateContent") || body.contains("\"stream\":true");
        if (!streamed) {
            return response.header("Content-Type", "application/json").sendString(Mono.just(read(name + ".json"))).then();
        }
        List<String> events = Arrays.stream(read(name + ".sse").split("\\r?\\n\\r?\\n"))
                .filter(event -> !event.isBlank())
                .map(event -> event.strip() + "\n\n")
                .toList();
        return response.header("Content-Type", "text/event-stream")
                .sendString(Flux.fromIterable(events), StandardCharsets.UTF_8)
                .then();
    }

    /** A recording of this provider, as text. */
    public String read(String file) {
        return fixture(provider, file);
    }

    public static String fixture(String provider, String file) {
        String path = "/upstream/" + provider + "/" + file;
        try (InputStream in = RecordedUpstream.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no recording " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
