package dev.switchboard.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import dev.switchboard.catalog.seed.SeedLoader;
import dev.switchboard.contracts.RedisKeys;
import dev.switchboard.contracts.catalog.CatalogSnapshot;
import dev.switchboard.contracts.catalog.EndpointInfo;
import dev.switchboard.contracts.catalog.ModelInfo;
import dev.switchboard.contracts.catalog.Prices;
import dev.switchboard.contracts.catalog.ProviderInfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class CatalogServiceTests extends CatalogIntegrationTest {

    @Autowired
    SeedLoader seed;
    @Autowired
    ReactiveStringRedisTemplate redis;
    @Autowired
    RedisKeys keys;

    /** The snapshot and the model list are larger than WebClient's default 256 KiB buffer. */
    private CatalogSnapshot snapshot() {
        return internal().get().uri("/internal/catalog/snapshot").exchange()
                .expectStatus().isOk()
                .expectBody(CatalogSnapshot.class).returnResult().getResponseBody();
    }

    private static ModelInfo model(CatalogSnapshot snapshot, String id) {
        return snapshot.models().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    private static EndpointInfo endpoint(ModelInfo model, String provider) {
        return model.endpoints().stream().filter(e -> e.provider().equals(provider)).findFirst().orElseThrow();
    }

    @Test
    void seedLoadsAtLeast300ModelsFrom20ProvidersEachWithAnEndpoint() {
        CatalogSnapshot snapshot = snapshot();

        assertThat(snapshot.models()).hasSizeGreaterThanOrEqualTo(300);
        assertThat(snapshot.providers()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(snapshot.models()).allSatisfy(m -> assertThat(m.endpoints()).isNotEmpty());
        assertThat(snapshot.providers()).allSatisfy(p -> assertThat(p.slug()).matches("[a-z0-9]+"));
        Set<String> providers = snapshot.providers().stream().map(ProviderInfo::slug).collect(Collectors.toSet());
        assertThat(snapshot.models()).allSatisfy(m -> assertThat(m.endpoints())
                .allSatisfy(e -> assertThat(providers).contains(e.provider())));
    }

    @Test
    void gpt4oMiniIsServedByOpenAiUnderItsOwnUpstreamId() {
        CatalogSnapshot snapshot = snapshot();

        EndpointInfo openai = endpoint(model(snapshot, "openai/gpt-4o-mini"), "openai");
        assertThat(openai.upstreamModelId()).isEqualTo("gpt-4o-mini");
        assertThat(openai.prices().prompt()).isEqualTo("0.00000015");
        assertThat(openai.prices().completion()).isEqualTo("0.0000006");
        assertThat(openai.prices().id()).isNotBlank();
        ProviderInfo provider = snapshot.providers().stream().filter(p -> p.slug().equals("openai")).findFirst().orElseThrow();
        assertThat(provider.apiStyle()).isEqualTo("openai");
        assertThat(provider.baseUrl()).isEqualTo("https://api.openai.com/v1");
    }

    @Test
    void configuredKeysAndBaseUrlsShowInTheSnapshotAndSimIsConfiguredInDemoMode() {
        Map<String, ProviderInfo> providers = snapshot().providers().stream()
                .collect(Collectors.toMap(ProviderInfo::slug, p -> p));

        assertThat(providers.get("openai").platformKeyConfigured()).isTrue();
        assertThat(providers.get("anthropic").platformKeyConfigured()).isFalse();
        assertThat(providers.get("groq").baseUrl()).isEqualTo("http://127.0.0.1:9/groq/v1");
        assertThat(providers.get("sim").platformKeyConfigured()).isTrue();
        assertThat(providers.get("sim").simulated()).isTrue();
        assertThat(providers.get("sim").apiStyle()).isEqualTo("simulated");
    }

    @Test
    void simulatedModelsArePricedAsDocumentedInDemoMode() {
        CatalogSnapshot snapshot = snapshot();

        EndpointInfo lynx = endpoint(model(snapshot, "sim/lynx-mini"), "sim");
        assertThat(lynx.upstreamModelId()).isEqualTo("lynx-mini");
        assertThat(lynx.prices().prompt()).isEqualTo("0.0000001");
        assertThat(lynx.prices().completion()).isEqualTo("0.0000004");
        assertThat(endpoint(model(snapshot, "sim/lynx-pro"), "sim").prices().completion()).isEqualTo("0.000004");
        ModelInfo orca = model(snapshot, "sim/orca-reasoner");
        assertThat(orca.supportedParameters()).contains("reasoning");
        assertThat(orca.contextLength()).isEqualTo(32768);
        assertThat(orca.name()).containsIgnoringCase("simulated");
    }

    @Test
    void snapshotCarriesItsVersionAsETagAndAnswers304ToIt() {
        CatalogSnapshot snapshot = snapshot();
        String etag = "\"" + snapshot.version() + "\"";

        internal().get().uri("/internal/catalog/snapshot").exchange()
                .expectHeader().valueEquals("ETag", etag);
        internal().get().uri("/internal/catalog/snapshot").header("If-None-Match", etag).exchange()
                .expectStatus().isNotModified()
                .expectBody().isEmpty();
        internal().get().uri("/internal/catalog/snapshot").header("If-None-Match", "\"stale\"").exchange()
                .expectStatus().isOk();
    }

    @Test
    void loadingTheSeedAgainConcurrentlyAddsNothing() {
        long before = countModels();

        Mono.when(seed.loadIfMissing(), seed.loadIfMissing()).block(Duration.ofSeconds(30));

        assertThat(countModels()).isEqualTo(before).isGreaterThanOrEqualTo(300);
    }

    private long countModels() {
        return db.sql("SELECT count(*) AS n FROM model").map(row -> row.get("n", Long.class)).one()
                .block(Duration.ofSeconds(5));
    }

    @Test
    void laterPriceRowDoesNotChangeThePriceInForceBeforeItsTimeAndDoesAfter() {
        EndpointInfo endpoint = endpoint(model(snapshot(), "sim/lynx-pro"), "sim");
        Instant now = Instant.now();
        Instant later = now.plus(Duration.ofHours(1));

        Prices added = internal().post().uri("/internal/catalog/endpoints/{id}/prices", endpoint.id())
                .bodyValue(Map.of("prompt", "0.0000012", "completion", "0.0000048", "effectiveFrom", later.toString()))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Prices.class).returnResult().getResponseBody();

        assertThat(priceAt(endpoint.id(), now).id()).isEqualTo(endpoint.prices().id());
        assertThat(priceAt(endpoint.id(), now).prompt()).isEqualTo("0.000001");
        assertThat(priceAt(endpoint.id(), later.minusMillis(1)).id()).isEqualTo(endpoint.prices().id());
        assertThat(priceAt(endpoint.id(), later)).isEqualTo(added);
        assertThat(priceAt(endpoint.id(), later.plus(Duration.ofDays(1))).prompt()).isEqualTo("0.0000012");
        assertThat(endpoint(model(snapshot(), "sim/lynx-pro"), "sim").prices().id()).isEqualTo(endpoint.prices().id());
    }

    private Prices priceAt(String endpointId, Instant at) {
        return internal().get()
                .uri(u -> u.path("/internal/catalog/endpoints/{id}/price").queryParam("at", at.toString()).build(endpointId))
                .exchange()
                .expectStatus().isOk()
                .expectBody(Prices.class).returnResult().getResponseBody();
    }

    @Test
    void futurePriceReachesTheSnapshotWhenItTakesEffectAndTheNewVersionIsAnnounced() {
        CatalogSnapshot before = snapshot();
        EndpointInfo endpoint = endpoint(model(before, "sim/orca-reasoner"), "sim");
        List<String> announced = new CopyOnWriteArrayList<>();
        Disposable listener = redis.listenToChannelLater(keys.catalogChanged())
                .block(Duration.ofSeconds(5))
                .subscribe(message -> announced.add(message.getMessage()));
        try {
            Prices added = internal().post().uri("/internal/catalog/endpoints/{id}/prices", endpoint.id())
                    .bodyValue(Map.of("prompt", "0.0000025", "completion", "0.00001",
                            "effectiveFrom", Instant.now().plusSeconds(2).toString()))
                    .exchange()
                    .expectStatus().isCreated()
                    .expectBody(Prices.class).returnResult().getResponseBody();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                CatalogSnapshot now = snapshot();
                assertThat(endpoint(model(now, "sim/orca-reasoner"), "sim").prices().id()).isEqualTo(added.id());
                assertThat(announced).contains(now.version());
            });
        } finally {
            listener.dispose();
        }
    }

    @Test
    void priceRowsAreHistoryAndCannotBeUpdated() {
        Mono<Long> update = db.sql("UPDATE price SET prompt = 0").fetch().rowsUpdated();

        assertThatThrownBy(() -> update.block(Duration.ofSeconds(5))).hasMessageContaining("price rows are history");
    }

    @Test
    void backDatedPriceIsRefusedWithAJsonError() {
        EndpointInfo endpoint = endpoint(model(snapshot(), "sim/lynx-mini"), "sim");

        internal().post().uri("/internal/catalog/endpoints/{id}/prices", endpoint.id())
                .bodyValue(Map.of("prompt", "0.1", "effectiveFrom", "2020-01-01T00:00:00Z"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.error.code").isEqualTo(400)
                .jsonPath("$.error.message").value(m -> assertThat((String) m).contains("effectiveFrom"));
    }

    @Test
    void modelListHasOpenRouterShapeWithETagAndCacheControl() {
        internal().get().uri("/api/v1/models").exchange()
                .expectStatus().isOk()
                .expectHeader().exists("ETag")
                .expectHeader().valueMatches("Cache-Control", ".*max-age=60.*")
                .expectBody()
                .jsonPath("$.total_count").value(n -> assertThat((Integer) n).isGreaterThanOrEqualTo(300))
                .jsonPath("$.links.next").doesNotExist()
                .jsonPath("$.data[?(@.id == 'openai/gpt-4o-mini')].canonical_slug").isNotEmpty()
                .jsonPath("$.data[?(@.id == 'openai/gpt-4o-mini')].pricing.prompt").isEqualTo(List.of("0.00000015"))
                .jsonPath("$.data[?(@.id == 'openai/gpt-4o-mini')].pricing.input_cache_read").isEqualTo(List.of("0.000000075"))
                .jsonPath("$.data[?(@.id == 'openai/gpt-4o-mini')].architecture.input_modalities").isNotEmpty()
                .jsonPath("$.data[?(@.id == 'openai/gpt-4o-mini')].top_provider.context_length").isEqualTo(List.of(128000))
                .jsonPath("$.data[?(@.id == 'openai/gpt-4o-mini')].links.details")
                .isEqualTo(List.of("/api/v1/models/openai/gpt-4o-mini/endpoints"));
    }

    @Test
    void modelListFiltersBySupportedParametersAndOutputModalities() {
        Integer all = internal().get().uri("/api/v1/models/count").exchange()
                .expectBody(Map.class).returnResult().getResponseBody() instanceof Map<?, ?> body
                ? (Integer) ((Map<?, ?>) body.get("data")).get("count") : null;

        internal().get().uri("/api/v1/models?supported_parameters=tools,reasoning").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data[*].supported_parameters").value(lists -> assertThat((List<List<String>>) lists)
                        .isNotEmpty()
                        .allSatisfy(p -> assertThat(p).contains("tools", "reasoning")))
                .jsonPath("$.total_count").value(n -> assertThat((Integer) n).isLessThan(all));
        internal().get().uri("/api/v1/models?output_modalities=image").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data[*].architecture.output_modalities").value(lists -> assertThat((List<List<String>>) lists)
                        .isNotEmpty()
                        .allSatisfy(o -> assertThat(o).contains("image")));
    }

    @Test
    void filteredAndUnfilteredListsHaveDifferentETagsAndEachAnswers304() {
        String plain = internal().get().uri("/api/v1/models").exchange()
                .returnResult(String.class).getResponseHeaders().getETag();
        String filtered = internal().get().uri("/api/v1/models?supported_parameters=tools").exchange()
                .returnResult(String.class).getResponseHeaders().getETag();

        assertThat(filtered).isNotEqualTo(plain);
        internal().get().uri("/api/v1/models?supported_parameters=tools").header("If-None-Match", filtered).exchange()
                .expectStatus().isNotModified();
    }

    @Test
    void endpointsOfAModelListEveryProviderWithItsPrice() {
        internal().get().uri("/api/v1/models/openai/gpt-4o-mini/endpoints").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.id").isEqualTo("openai/gpt-4o-mini")
                .jsonPath("$.data.architecture.modality").isNotEmpty()
                .jsonPath("$.data.endpoints[?(@.tag == 'openai')].pricing.completion").isEqualTo(List.of("0.0000006"))
                .jsonPath("$.data.endpoints[?(@.tag == 'openai')].provider_name").isEqualTo(List.of("OpenAI"))
                .jsonPath("$.data.endpoints[?(@.tag == 'openai')].status").isEqualTo(List.of(0))
                .jsonPath("$.data.endpoints[0].uptime_last_5m").isEmpty();
    }

    @Test
    void availabilityWindowsFollowReportedAttemptsAndIgnoreCallerErrors() {
        EndpointInfo endpoint = endpoint(model(snapshot(), "sim/lynx-mini"), "sim");
        Instant now = Instant.now();
        List<Map<String, Object>> batch = List.of(
                attempt(endpoint.id(), now.minusSeconds(10), 200, 400L, 2400, 200),
                attempt(endpoint.id(), now.minusSeconds(20), 200, 200L, 1200, 100),
                attempt(endpoint.id(), now.minusSeconds(30), 200, 600L, 1600, 100),
                attempt(endpoint.id(), now.minusSeconds(40), 502, null, 300, 0),
                attempt(endpoint.id(), now.minusSeconds(50), 429, null, 5, 0),
                attempt(endpoint.id(), now.minus(Duration.ofHours(2)), 0, null, 30000, 0));

        internal().post().uri("/internal/catalog/attempts").bodyValue(batch).exchange()
                .expectStatus().isAccepted()
                .expectBody().jsonPath("$.recorded").isEqualTo(5);

        internal().get().uri("/api/v1/models/sim/lynx-mini/endpoints").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.endpoints[0].uptime_last_5m").isEqualTo(75.0)
                .jsonPath("$.data.endpoints[0].uptime_last_30m").isEqualTo(75.0)
                .jsonPath("$.data.endpoints[0].uptime_last_1d").isEqualTo(60.0)
                .jsonPath("$.data.endpoints[0].latency_last_30m.p50").isEqualTo(0.4)
                .jsonPath("$.data.endpoints[0].throughput_last_30m.p50").isEqualTo(100.0);
    }

    private static Map<String, Object> attempt(String endpointId, Instant startedAt, int status, Long ttftMs,
                                               long durationMs, long outputTokens) {
        Map<String, Object> attempt = new java.util.HashMap<>(Map.of("endpointId", endpointId,
                "startedAt", startedAt.toString(), "httpStatus", status, "durationMs", durationMs,
                "outputTokens", outputTokens));
        attempt.put("ttftMs", ttftMs);
        return attempt;
    }

    @Test
    void unknownModelIs404WithTheClosestIdsAsSuggestions() {
        internal().get().uri("/api/v1/models/openai/gpt-4o-mni/endpoints").exchange()
                .expectStatus().isNotFound()
                .expectBody()
                .jsonPath("$.error.code").isEqualTo(404)
                .jsonPath("$.error.message").value(m -> assertThat((String) m).contains("openai/gpt-4o-mni"))
                .jsonPath("$.error.metadata.suggestions[0]").isEqualTo("openai/gpt-4o-mini");
    }

    @Test
    void providersListCarriesDataPolicies() {
        internal().get().uri("/api/v1/providers").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data[?(@.slug == 'openai')].name").isEqualTo(List.of("OpenAI"))
                .jsonPath("$.data[?(@.slug == 'openai')].data_policy.training").isEqualTo(List.of(false))
                .jsonPath("$.data[?(@.slug == 'sim')].name").isEqualTo(List.of("Simulated (demo)"));
    }

    @Test
    void publicResponsesValidateAgainstOpenRoutersSchemas() {
        assertThat(OpenRouterSchemas.violations("ModelsList", body("/api/v1/models"))).isEmpty();
        assertThat(OpenRouterSchemas.violations("ModelsCount", body("/api/v1/models/count"))).isEmpty();
        assertThat(OpenRouterSchemas.violations("ModelEndpoints", body("/api/v1/models/openai/gpt-4o-mini/endpoints")))
                .isEmpty();
        assertThat(OpenRouterSchemas.violations("ModelEndpoints", body("/api/v1/models/sim/orca-reasoner/endpoints")))
                .isEmpty();
        assertThat(OpenRouterSchemas.violations("ProvidersList", body("/api/v1/providers"))).isEmpty();
        // the schema really is applied: a model without its required fields is refused
        assertThat(OpenRouterSchemas.violations("ModelsList", "{\"data\":[{\"id\":\"x\"}],\"total_count\":1,"
                + "\"links\":{\"next\":null}}")).isNotEmpty();
    }

    private String body(String path) {
        return internal().get().uri(path).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    @Test
    void requestsWithoutTheInternalTokenAre401WithAJsonError() {
        web.get().uri("/api/v1/models").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.error.code").isEqualTo(401);
        web.get().uri("/internal/catalog/snapshot").header("Authorization", "Bearer wrong").exchange()
                .expectStatus().isUnauthorized();
    }
}
