package dev.switchboard.api.inference;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

import dev.switchboard.contracts.catalog.CatalogSnapshot;
import dev.switchboard.contracts.catalog.EndpointInfo;
import dev.switchboard.contracts.catalog.ModelInfo;
import dev.switchboard.contracts.catalog.Prices;
import dev.switchboard.contracts.catalog.ProviderInfo;

/**
 * catalog-service's snapshot and two OpenAI-compatible upstreams, {@code alpha} (the platform has a
 * key: {@value #PLATFORM_KEY}) and {@code beta} (it has none), on one local server. The upstream
 * answers by the bearer key it gets: keys in {@link #failing} get a 500, keys starting {@code sk-bad}
 * a 401, anything else a completion of 10 prompt and 2,000 completion tokens (never more than a
 * request with {@code max_tokens: 2000} holds), or on {@code /embeddings} (alpha's
 * {@code test/alpha-embed}) one vector per input for 10 input tokens. Every key received is
 * recorded, in order.
 */
public final class FakeProviders {

    public static final String PLATFORM_KEY = "platform-alpha-key";
    /** $1 per million prompt tokens, $2 per million completion tokens: 10 + 2,000 tokens cost 4,010,000 nanos. */
    public static final long LIST_COST_NANOS = 4_010_000L;
    /** 10 input tokens at $1 per million: what one embeddings request costs at list price. */
    public static final long EMBEDDING_LIST_COST_NANOS = 10_000L;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public final List<String> keysReceived = new CopyOnWriteArrayList<>();
    public final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final DisposableServer server;

    public FakeProviders() {
        server = HttpServer.create().host("127.0.0.1").port(0).handle(this::answer).bindNow();
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    private Mono<Void> answer(HttpServerRequest request, HttpServerResponse response) {
        if (request.uri().startsWith("/internal/catalog/snapshot")) {
            return response.header("Content-Type", "application/json").header("ETag", "\"byok-test\"")
                    .sendString(Mono.just(JSON.writeValueAsString(snapshot()))).then();
        }
        boolean embeddings = request.uri().endsWith("/embeddings");
        if (!request.uri().endsWith("/chat/completions") && !embeddings) {
            return response.status(204).send(); // the api-service's attempt reports to the catalog
        }
        String key = String.valueOf(request.requestHeaders().get("Authorization")).replaceFirst("^Bearer ", "");
        String provider = request.uri().startsWith("/alpha") ? "alpha" : "beta";
        keysReceived.add(provider + ":" + key);
        return request.receive().aggregate().asString().defaultIfEmpty("").flatMap(body -> Mono.defer(() -> {
            if (failing.contains(key)) {
                return response.status(500).sendString(Mono.just("{\"error\":{\"message\":\"down\"}}")).then();
            }
            if (key.startsWith("sk-bad")) {
                return response.status(401).sendString(Mono.just("{\"error\":{\"message\":\"Incorrect API key\"}}")).then();
            }
            if (embeddings) {
                return response.header("Content-Type", "application/json").sendString(Mono.just("""
                        {"object":"list","model":"e","data":[{"object":"embedding","index":0,"embedding":[0.25,-0.5]}],
                         "usage":{"prompt_tokens":10,"total_tokens":10}}""")).then();
            }
            if (body.contains("\"stream\":true")) {
                return response.header("Content-Type", "text/event-stream").sendString(Flux.just(
                        "data: {\"id\":\"up-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                                + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"hi\"}}]}\n\n",
                        "data: {\"id\":\"up-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                                + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                                + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":2000,\"total_tokens\":2010}}\n\n",
                        "data: [DONE]\n\n")).then();
            }
            return response.header("Content-Type", "application/json").sendString(Mono.just("""
                    {"id":"up-1","object":"chat.completion","created":1,"model":"m",
                     "choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],
                     "usage":{"prompt_tokens":10,"completion_tokens":2000,"total_tokens":2010}}""")).then();
        }));
    }

    private CatalogSnapshot snapshot() {
        Prices prices = new Prices("p", "0.000001", "0.000002", null, null, "0", null, Instant.EPOCH);
        Prices free = new Prices("f", "0", "0", null, null, "0", null, Instant.EPOCH);
        List<ProviderInfo> providers = List.of(
                new ProviderInfo("alpha", "Alpha", "openai", url() + "/alpha/v1", false, true, false, false, 0, "active"),
                new ProviderInfo("beta", "Beta", "openai", url() + "/beta/v1", false, false, false, false, 0, "active"));
        List<ModelInfo> models = List.of(
                model("test/alpha-model", new EndpointInfo("alpha/m", "alpha", "m", prices, 100_000, 4_096L, null, null, "active")),
                model("test/beta-model", new EndpointInfo("beta/m", "beta", "m", prices, 100_000, 4_096L, null, null, "active")),
                model("test/free-model", new EndpointInfo("alpha/m-free", "alpha", "m", free, 100_000, 4_096L, null, null,
                        "active")),
                new ModelInfo("test/alpha-embed", "test/alpha-embed", "test/alpha-embed", 1, "", 8_192, List.of("text"),
                        List.of("embeddings"), List.of(), List.of(new EndpointInfo("alpha/e", "alpha", "e", prices, 8_192,
                        null, null, null, "active"))));
        return new CatalogSnapshot("byok-test", Instant.now(), providers, models);
    }

    private static ModelInfo model(String id, EndpointInfo endpoint) {
        return new ModelInfo(id, id, id, 1, "", 100_000, List.of("text"), List.of("text"), List.of(), List.of(endpoint));
    }
}
