package dev.switchboard.api.provider;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * catalog-service's internal API as the api-service uses it: a fixed snapshot at
 * {@code /internal/catalog/snapshot}, and 202 for the attempt reports it posts.
 */
public final class CatalogSnapshotStub implements AutoCloseable {

    private final DisposableServer server;

    /**
     * One routable endpoint: a model served by one provider.
     *
     * @param outputModalities what the model produces: {@code ["text"]}, or {@code ["embeddings"]} for an embedding model
     */
    public record Route(String modelId, String providerSlug, String providerName, String apiStyle, String baseUrl,
                        String upstreamModelId, String prompt, String completion, String cacheRead, String cacheWrite,
                        long maxCompletionTokens, List<String> outputModalities) {

        /** A text model. */
        public Route(String modelId, String providerSlug, String providerName, String apiStyle, String baseUrl,
                     String upstreamModelId, String prompt, String completion, String cacheRead, String cacheWrite,
                     long maxCompletionTokens) {
            this(modelId, providerSlug, providerName, apiStyle, baseUrl, upstreamModelId, prompt, completion, cacheRead,
                    cacheWrite, maxCompletionTokens, List.of("text"));
        }
    }

    public CatalogSnapshotStub(List<Route> routes) {
        String snapshot = snapshot(routes);
        this.server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(r -> r
                        .get("/internal/catalog/snapshot", (request, response) -> response
                                .header("Content-Type", "application/json")
                                .header("ETag", "\"adapters-v1\"")
                                .sendString(Mono.just(snapshot)))
                        .post("/internal/catalog/attempts", (request, response) -> request.receive().then(
                                response.status(202).send().then())))
                .bindNow();
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    private static String snapshot(List<Route> routes) {
        StringBuilder providers = new StringBuilder();
        StringBuilder models = new StringBuilder();
        Set<String> listed = new HashSet<>();
        for (Route r : routes) {
            boolean firstOfProvider = listed.add(r.providerSlug());
            if (firstOfProvider) {
                providers.append(providers.isEmpty() ? "" : ",").append("""
                        {"slug":"%s","name":"%s","apiStyle":"%s","baseUrl":"%s","simulated":false,"platformKeyConfigured":true,\
                        "trainsOnData":false,"retainsPrompts":false,"retentionDays":0,"status":"active"}"""
                        .formatted(r.providerSlug(), r.providerName(), r.apiStyle(), r.baseUrl()));
            }
            // a provider's first endpoint keeps the short id; a second model of the same provider needs its own
            String endpointId = r.providerSlug() + "-ep" + (firstOfProvider ? "" : "-" + r.upstreamModelId());
            models.append(models.isEmpty() ? "" : ",").append("""
                    {"id":"%s","canonicalSlug":"%s","name":"%s","created":1750000000,"description":"","contextLength":200000,\
                    "inputModalities":["text","image","file"],"outputModalities":%s,"supportedParameters":[],\
                    "endpoints":[{"id":"%s","provider":"%s","upstreamModelId":"%s","prices":{"id":"price-%s",\
                    "prompt":"%s","completion":"%s","cacheRead":"%s","cacheWrite":"%s","request":"0","image":"0",\
                    "effectiveFrom":"2026-01-01T00:00:00Z"},"contextLength":200000,"maxCompletionTokens":%d,\
                    "quantization":null,"supportedParameters":["max_tokens","temperature","top_p","stop","tools",\
                    "tool_choice","reasoning","include_reasoning","response_format"],"status":"active"}]}"""
                    .formatted(r.modelId(), r.modelId(), r.modelId(), modalities(r.outputModalities()), endpointId,
                            r.providerSlug(), r.upstreamModelId(), endpointId, r.prompt(), r.completion(), r.cacheRead(),
                            r.cacheWrite(), r.maxCompletionTokens()));
        }
        return "{\"version\":\"adapters-v1\",\"generatedAt\":\"2026-01-01T00:00:00Z\",\"providers\":[" + providers
                + "],\"models\":[" + models + "]}";
    }

    private static String modalities(List<String> modalities) {
        return modalities.stream().map(m -> "\"" + m + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
