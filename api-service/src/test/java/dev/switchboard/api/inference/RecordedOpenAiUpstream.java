package dev.switchboard.api.inference;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local stand-in for api.openai.com replaying recorded wire traffic from
 * {@code src/test/resources/upstream/openai/}: which recording answers depends on the request, as
 * it did when it was recorded — a tool result gets {@code after-tool}, a request offering tools
 * {@code tool-call}, a {@code json_schema} response format {@code json-schema}, anything else
 * {@code chat}; streamed requests get the {@code .sse} recording, flushed event by event after a
 * first-token wait of {@value #FIRST_TOKEN_MILLIS} ms; the
 * embeddings endpoint answers {@code embeddings.json}. A streamed request that says "break
 * mid-stream" gets {@code midstream-error-stream.sse}: two chunks, then OpenAI's in-stream error
 * object. Refuses any key but its own, and keeps the request bodies it saw.
 */
final class RecordedOpenAiUpstream implements AutoCloseable {

    static final String API_KEY = "sk-upstream-recorded-0123456789";
    static final long FIRST_TOKEN_MILLIS = 40;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    final List<JsonNode> requests = new CopyOnWriteArrayList<>();

    RecordedOpenAiUpstream() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/chat/completions", exchange -> answer(exchange, false));
        server.createContext("/v1/embeddings", exchange -> answer(exchange, true));
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private void answer(HttpExchange exchange, boolean embeddings) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
        requests.add(request);
        if (!("Bearer " + API_KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, "application/json",
                    "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");
            return;
        }
        if (embeddings) {
            send(exchange, 200, "application/json", fixture("embeddings.json"));
            return;
        }
        String recording = recordingFor(request);
        if (!request.path("stream").asBoolean(false)) {
            send(exchange, 200, "application/json", fixture(recording + ".json"));
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        awaitFirstToken();
        try (OutputStream out = exchange.getResponseBody()) {
            for (String event : fixture(recording + "-stream.sse").split("\n\n")) {
                if (!event.isBlank()) {
                    out.write((event.strip() + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        }
    }

    /**
     * A real upstream takes a while to its first token; the gateway's keepalives fill that time.
     * Waits on a scheduler rather than sleeping the handler thread.
     */
    private static void awaitFirstToken() {
        CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(FIRST_TOKEN_MILLIS, TimeUnit.MILLISECONDS)).join();
    }

    private static String recordingFor(JsonNode request) {
        JsonNode messages = request.path("messages");
        if (request.path("stream").asBoolean(false) && request.toString().contains("break mid-stream")) {
            return "midstream-error";
        }
        if ("tool".equals(messages.path(messages.size() - 1).path("role").asString(""))) {
            return "after-tool";
        }
        if (request.path("tools").isArray() && !request.path("tools").isEmpty()) {
            return "tool-call";
        }
        if ("json_schema".equals(request.path("response_format").path("type").asString(""))) {
            return "json-schema";
        }
        return "chat";
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
            if (in == null) {
                throw new IOException("no recording " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
