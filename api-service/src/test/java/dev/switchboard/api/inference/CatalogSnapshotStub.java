package dev.switchboard.api.inference;

import java.time.Instant;
import java.util.List;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import dev.switchboard.contracts.catalog.CatalogSnapshot;
import dev.switchboard.contracts.catalog.EndpointInfo;
import dev.switchboard.contracts.catalog.ModelInfo;
import dev.switchboard.contracts.catalog.Prices;
import dev.switchboard.contracts.catalog.ProviderInfo;

/**
 * catalog-service's internal API as the api-service uses it, served locally: one fixed snapshot
 * (OpenAI's chat and embedding models at OpenAI's list prices, a simulated model that claims
 * to embed, and a model no configured provider serves) and an attempts sink that accepts everything.
 */
final class CatalogSnapshotStub {

    static final String CHAT_MODEL = "openai/gpt-4o-mini";
    static final String EMBEDDING_MODEL = "openai/text-embedding-3-small";
    static final String SIM_EMBEDDING_MODEL = "sim/embed-lookalike";
    /** Served only by a provider with no platform key here: never routable. */
    static final String UNSERVED_MODEL = "anthropic/claude-unserved";
    static final Prices CHAT_PRICES = new Prices("price-mini", "0.00000015", "0.0000006", "0.000000075", "0", "0", "0",
            Instant.parse("2026-01-01T00:00:00Z"));
    static final Prices EMBEDDING_PRICES = new Prices("price-embed", "0.00000002", "0", "0", "0", "0", "0",
            Instant.parse("2026-01-01T00:00:00Z"));

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final CatalogSnapshotStub INSTANCE = new CatalogSnapshotStub();

    private final DisposableServer server;

    private CatalogSnapshotStub() {
        byte[] snapshot = JSON.writeValueAsBytes(snapshot());
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes
                        .get("/internal/catalog/snapshot", (request, response) -> response
                                .header("Content-Type", "application/json")
                                .header("ETag", "\"inbound-1\"")
                                .sendByteArray(Mono.just(snapshot)))
                        .post("/internal/catalog/attempts", (request, response) -> request.receive().then()
                                .then(response.status(202).send())))
                .bindNow();
    }

    static CatalogSnapshotStub instance() {
        return INSTANCE;
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    private static CatalogSnapshot snapshot() {
        List<ProviderInfo> providers = List.of(
                new ProviderInfo("openai", "OpenAI", "openai", "https://api.openai.com/v1", false, true, false, true, 30, "active"),
                new ProviderInfo("sim", "Simulated", "simulated", null, true, true, false, false, 0, "active"),
                new ProviderInfo("anthropic", "Anthropic", "anthropic", "https://api.anthropic.com/v1", false, false, false, true, 30, "active"));
        ModelInfo chat = new ModelInfo(CHAT_MODEL, CHAT_MODEL, "GPT-4o mini", 1721260800L, "", 128_000,
                List.of("text", "image"), List.of("text"), List.of("tools", "response_format", "structured_outputs"),
                List.of(new EndpointInfo("ep-openai-mini", "openai", "gpt-4o-mini", CHAT_PRICES, 128_000, 16_384L, null,
                        List.of("tools", "response_format", "structured_outputs"), "active")));
        ModelInfo embedding = new ModelInfo(EMBEDDING_MODEL, EMBEDDING_MODEL, "text-embedding-3-small", 1705948997L, "",
                8_191, List.of("text"), List.of("embeddings"), List.of("dimensions", "encoding_format"),
                List.of(new EndpointInfo("ep-openai-embed", "openai", "text-embedding-3-small", EMBEDDING_PRICES, 8_191,
                        null, null, List.of("dimensions", "encoding_format"), "active")));
        ModelInfo simEmbedding = new ModelInfo(SIM_EMBEDDING_MODEL, SIM_EMBEDDING_MODEL, "Simulated embedder", 1705948997L, "",
                8_191, List.of("text"), List.of("embeddings"), List.of(),
                List.of(new EndpointInfo("ep-sim-embed", "sim", "embed-lookalike", EMBEDDING_PRICES, 8_191, null, null,
                        List.of(), "active")));
        ModelInfo unserved = new ModelInfo(UNSERVED_MODEL, UNSERVED_MODEL, "Unserved", 1705948997L, "", 200_000,
                List.of("text"), List.of("text"), List.of(),
                List.of(new EndpointInfo("ep-unserved", "anthropic", "claude-unserved", CHAT_PRICES, 200_000, 8_192L, null,
                        List.of(), "active")));
        return new CatalogSnapshot("inbound-1", Instant.now(), providers, List.of(chat, embedding, simEmbedding, unserved));
    }
}
