package dev.switchboard.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for api.openai.com that replays recorded wire traffic: {@code chat.json} for a
 * plain request, {@code chat-stream.sse} event by event (flushed one at a time) for a streamed one.
 * It refuses any key but the one it was given, and records the request bodies it saw.
 */
final class RecordedOpenAiUpstream implements AutoCloseable {

    private final HttpServer server;
    private final String apiKey;
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    /** Completes when a slow stream finds its client gone (a write to the closed connection fails). */
    final CompletableFuture<Instant> slowStreamAbandoned = new CompletableFuture<>();

    RecordedOpenAiUpstream(String apiKey) throws IOException {
        this.apiKey = apiKey;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", this::chat);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private void chat(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(body);
        if (!("Bearer " + apiKey).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, "application/json",
                    "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");
            return;
        }
        if (!body.contains("\"stream\":true")) {
            send(exchange, 200, "application/json", fixture("chat.json"));
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        if (body.contains("slow stream")) {
            slowStream(exchange);
            return;
        }
        try (OutputStream out = exchange.getResponseBody()) {
            for (String event : fixture("chat-stream.sse").split("\n\n")) {
                if (event.isBlank()) {
                    continue;
                }
                out.write((event.strip() + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
    }

    /**
     * A long answer, one word every 100 ms, with usage only at the very end: the shape of a real
     * stream that a client abandons half-way. Notes when the gateway has closed the connection. A
     * scheduler paces the words; the handler thread waits for the stream to end or break.
     */
    private void slowStream(HttpExchange exchange) throws IOException {
        OutputStream out = exchange.getResponseBody();
        CompletableFuture<Void> finished = new CompletableFuture<>();
        AtomicInteger next = new AtomicInteger();
        ScheduledFuture<?> ticks = pacer.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i >= 600) {
                finished.complete(null);
                return;
            }
            String chunk = "{\"id\":\"chatcmpl-SLOW\",\"object\":\"chat.completion.chunk\",\"created\":1732330200,"
                    + "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"word" + i
                    + " \"},\"finish_reason\":null}],\"usage\":null}";
            try {
                out.write(("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                slowStreamAbandoned.complete(Instant.now());
                finished.complete(null);
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
        finished.join();
        ticks.cancel(false);
        out.close();
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = RecordedOpenAiUpstream.class.getResourceAsStream("/upstream/openai/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pacer.shutdownNow();
    }
}
