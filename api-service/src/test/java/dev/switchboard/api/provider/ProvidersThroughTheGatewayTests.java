package dev.switchboard.api.provider;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.switchboard.api.catalog.CatalogSync;
import dev.switchboard.api.identity.ApiIntegrationTest;
import dev.switchboard.api.platform.RedisPrefix;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole api-service, {@code POST /api/v1/chat/completions} (and {@code /api/v1/embeddings} for
 * Gemini), with models routed to emulated Anthropic, Gemini and Azure OpenAI upstreams that replay
 * recorded traffic: what a client gets, streamed and whole, with the cost charged, and upstream
 * failures in OpenRouter's error shape.
 */
@TestPropertySource(properties = {
        "switchboard.providers.anthropic.api-key=sk-ant-platform-0123456789",
        "switchboard.providers.google.api-key=AIza-platform-0123456789",
        "switchboard.providers.azure.api-key=azure-platform-0123456789",
        "switchboard.providers.azure.api-version=2024-10-21",
        "switchboard.providers.azure.deployments.gpt-4o=prod-gpt4o",
})
class ProvidersThroughTheGatewayTests extends ApiIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final RecordedUpstream ANTHROPIC = new RecordedUpstream("anthropic");
    private static final RecordedUpstream GEMINI = new RecordedUpstream("gemini");
    private static final RecordedUpstream AZURE = new RecordedUpstream("azure");
    private static final CatalogSnapshotStub CATALOG = new CatalogSnapshotStub(List.of(
            new CatalogSnapshotStub.Route("anthropic/claude-sonnet-4.5", "anthropic", "Anthropic", "anthropic",
                    ANTHROPIC.baseUrl() + "/v1", "claude-sonnet-4-5", "0.000003", "0.000015", "0.0000003", "0.00000375", 8_192),
            new CatalogSnapshotStub.Route("google/gemini-2.5-flash", "google", "Google AI Studio", "gemini",
                    GEMINI.baseUrl() + "/v1beta", "gemini-2.5-flash", "0.0000003", "0.0000025", "0.00000003", "0", 65_536),
            // as the seed catalogs it: $0.15 per M input tokens
            new CatalogSnapshotStub.Route("google/gemini-embedding-001", "google", "Google AI Studio", "gemini",
                    GEMINI.baseUrl() + "/v1beta", "gemini-embedding-001", "0.00000015", "0", "0", "0", 0,
                    List.of("embeddings")),
            new CatalogSnapshotStub.Route("openai/gpt-4o", "azure", "Azure", "azure",
                    AZURE.baseUrl() + "/openai", "gpt-4o", "0.0000025", "0.00001", "0.00000125", "0", 16_384)));

    @DynamicPropertySource
    static void catalog(DynamicPropertyRegistry registry) {
        registry.add("switchboard.catalog-url", CATALOG::url);
    }

    @Autowired
    private CatalogSync catalogSync;
    @Autowired
    private ReactiveStringRedisTemplate redis;
    @Autowired
    private RedisPrefix prefix;
    @Autowired
    private DatabaseClient db;

    /** One funded account for the class: signing up hashes a password, which is slow on purpose. */
    private static String key;

    @AfterAll
    static void stop() {
        ANTHROPIC.close();
        GEMINI.close();
        AZURE.close();
        CATALOG.close();
    }

    @BeforeEach
    void funded() {
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> catalogSync.view().model("openai/gpt-4o").isPresent());
        if (key != null) {
            return;
        }
        Browser browser = signUp(uniqueEmail("adapters"));
        key = (String) createKey(browser, Map.of("name", "adapters")).get("key");
        redis.opsForValue().set(prefix.keys().balance(UUID.fromString(browser.orgId())), "10000000000").block();
    }

    /** model, fixture, content, prompt tokens, completion tokens, cached, cache writes, cost in USD (upstream + 5 %). */
    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("anthropic/claude-sonnet-4.5", "text", "Hello! How can I help you today?", 12, 12, 0, 0, "0.0002268"),
                Arguments.of("anthropic/claude-sonnet-4.5", "cache", "Section 3 says the licence is perpetual.", 2_574, 27, 2_048, 512, "0.00313047"),
                Arguments.of("google/gemini-2.5-flash", "text", "Hello! How can I help you today?", 9, 9, 0, 0, "0.00002646"),
                Arguments.of("google/gemini-2.5-flash", "cache", "Section 3 says the licence is perpetual.", 2_118, 11, 2_048, 0, "0.000115437"),
                Arguments.of("openai/gpt-4o", "text", "Hello! How can I  help you today?", 13, 9, 0, 0, "0.000128625"),
                Arguments.of("openai/gpt-4o", "cache", "Section 3 says the licence is perpetual.", 2_080, 11, 1_920, 0, "0.0030555"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("answers")
    void wholeAnswerComesBackInOpenAiShapeWithUsageAndCost(String model, String fixture, String content, long prompt,
                                                        long completion, long cached, long cacheWrites, String cost) {
        JsonNode body = JSON.readTree(post(model, fixture, false).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());

        assertThat(body.at("/model").asString()).isEqualTo(model);
        assertThat(body.at("/choices/0/message/content").asString()).isEqualTo(content);
        assertThat(body.at("/choices/0/finish_reason").asString()).isEqualTo("stop");
        assertUsage(body.get("usage"), prompt, completion, cached, cacheWrites, cost);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("answers")
    void streamedAnswerArrivesChunkByChunkEndingWithUsageAndCost(String model, String fixture, String content, long prompt,
                                                               long completion, long cached, long cacheWrites, String cost) {
        List<JsonNode> chunks = stream(model, fixture);

        StringBuilder text = new StringBuilder();
        chunks.forEach(chunk -> text.append(chunk.at("/choices/0/delta/content").asString("")));
        assertThat(text.toString()).isEqualTo(content);
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.at("/model").asString()).isEqualTo(model));
        JsonNode last = chunks.getLast();
        assertThat(last.get("choices")).isEmpty();
        assertUsage(last.get("usage"), prompt, completion, cached, cacheWrites, cost);
    }

    @Test
    void anthropicToolArgumentsStreamThroughAsOpenAiToolCallDeltas() {
        List<JsonNode> chunks = stream("anthropic/claude-sonnet-4.5", "tool");

        StringBuilder arguments = new StringBuilder();
        chunks.forEach(chunk -> chunk.at("/choices/0/delta/tool_calls").forEach(
                call -> arguments.append(call.at("/function/arguments").asString(""))));
        assertThat(arguments.toString()).isEqualTo("{\"location\": \"Paris, France\", \"unit\": \"celsius\"}");
        assertThat(chunks).anySatisfy(chunk -> assertThat(chunk.at("/choices/0/finish_reason").asString("")).isEqualTo("tool_calls"));
        assertUsage(chunks.getLast().get("usage"), 384, 71, 0, 0, "0.00232785");
    }

    @Test
    void anthropicThinkingComesBackAsReasoning() {
        JsonNode body = JSON.readTree(post("anthropic/claude-sonnet-4.5", "thinking", false).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());

        assertThat(body.at("/choices/0/message/reasoning").asString()).startsWith("The user asks for 27 * 453.");
        assertThat(body.at("/choices/0/message/reasoning_details/0/signature").asString()).startsWith("EqQBCgIYAhIM");
        assertThat(body.at("/choices/0/native_finish_reason").asString()).isEqualTo("end_turn");
    }

    /** model, cost in USD of what was generated before the upstream broke. */
    static Stream<Arguments> brokenStreams() {
        return Stream.of(
                // message_start reported 20 input tokens; 3 pieces were forwarded
                Arguments.of("anthropic/claude-sonnet-4.5", "Let me explain the theory of relativity", "0.00011025"),
                // Gemini's last cumulative usage: 20 prompt, 8 output
                Arguments.of("google/gemini-2.5-flash", "Let me explain the theory of relativity", "0.0000273"),
                // no usage from Azure before the error: the prompt estimate (8, rounded up) and the 2 pieces forwarded
                Arguments.of("openai/gpt-4o", "Let me explain the theory of", "0.000042"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenStreams")
    void upstreamErrorMidStreamEndsWithAnErrorChunkAndChargesWhatWasGenerated(String model, String content, String cost) {
        List<JsonNode> chunks = stream(model, "error-midstream");

        StringBuilder text = new StringBuilder();
        chunks.forEach(chunk -> text.append(chunk.at("/choices/0/delta/content").asString("")));
        assertThat(text.toString()).isEqualTo(content);
        JsonNode error = chunks.get(chunks.size() - 2);
        assertThat(error.at("/error/code").asInt()).isEqualTo(502);
        assertThat(error.at("/choices/0/finish_reason").asString()).isEqualTo("error");
        assertThat(chunks.getLast().at("/usage/cost").decimalValue()).isEqualByComparingTo(new BigDecimal(cost));
    }

    @Test
    void anthropicOverloadIsA502NamingTheProviderWithTheRawMessage() {
        JsonNode body = JSON.readTree(post("anthropic/claude-sonnet-4.5", "http-529-overloaded", false)
                .expectStatus().isEqualTo(502).expectBody(String.class).returnResult().getResponseBody());

        assertThat(body.at("/error/code").asInt()).isEqualTo(502);
        assertThat(body.at("/error/metadata/provider_name").asString()).isEqualTo("anthropic");
        assertThat(body.at("/error/metadata/raw").asString()).contains("overloaded_error");
    }

    @Test
    void aRefusedPlatformKeyIsA502WithTheKeyScrubbedAndRaisesTheOperatorsAlarm(@Autowired MeterRegistry meters) {
        double refusedBefore = refusals(meters);
        JsonNode body = JSON.readTree(post("anthropic/claude-sonnet-4.5", "http-401-auth", true)
                .expectStatus().isEqualTo(502).expectBody(String.class).returnResult().getResponseBody());

        assertThat(body.at("/error/metadata/raw").asString()).contains("invalid x-api-key")
                .doesNotContain("sk-ant-api03-AbCdEfGhIjKlMnOp");
        assertThat(refusals(meters)).isEqualTo(refusedBefore + 1);
    }

    private static double refusals(MeterRegistry meters) {
        Counter counter = meters.find("switchboard.upstream.platform_credentials_refused").tag("provider", "anthropic").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void anUpstreamRateLimitIsA429WithRetryAfter() {
        post("openai/gpt-4o", "http-429-rate", false)
                .expectStatus().isEqualTo(429)
                .expectHeader().valueEquals("Retry-After", "7")
                .expectBody().jsonPath("$.error.metadata.provider_name").isEqualTo("azure");
    }

    @Test
    void aRequestTheUpstreamRejectsIsA400() {
        post("google/gemini-2.5-flash", "http-400-invalid", false)
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.code").isEqualTo(400);
    }

    @Test
    void eachUpstreamGetsItsOwnAuthenticationAndAddress() {
        post("anthropic/claude-sonnet-4.5", "text", false).expectStatus().isOk();
        post("google/gemini-2.5-flash", "text", true).expectStatus().isOk().returnResult(String.class).getResponseBody().blockLast();
        post("openai/gpt-4o", "text", false).expectStatus().isOk();

        assertThat(ANTHROPIC.last("text").header("x-api-key")).isEqualTo("sk-ant-platform-0123456789");
        assertThat(GEMINI.last("text").uri()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
        assertThat(GEMINI.last("text").header("x-goog-api-key")).isEqualTo("AIza-platform-0123456789");
        assertThat(AZURE.last("text").uri()).isEqualTo("/openai/deployments/prod-gpt4o/chat/completions?api-version=2024-10-21");
        assertThat(AZURE.last("text").header("api-key")).isEqualTo("azure-platform-0123456789");
    }

    /**
     * fixture, prompt tokens charged, whether they are the gateway's estimate, cost in USD. Gemini
     * counts the batch in newer API versions; before that the estimate is one token per four input
     * bytes, rounded up: "fixture:embed" and "second" are 19 bytes, 5 tokens.
     */
    static Stream<Arguments> embeddings() {
        return Stream.of(
                Arguments.of("embed-usage", 7, false, "0.000001103"),
                Arguments.of("embed", 5, true, "0.000000788"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("embeddings")
    void geminiEmbeddingsComeBackInOpenAisShapeChargedAndRecorded(String fixture, long prompt, boolean estimated,
                                                                  String cost) {
        Browser browser = signUp(uniqueEmail("gemini-embed"));
        String embedKey = (String) createKey(browser, Map.of("name", "embed")).get("key");
        UUID org = UUID.fromString(browser.orgId());
        redis.opsForValue().set(prefix.keys().balance(org), "1000000000").block();

        JsonNode body = JSON.readTree(web.post().uri("/api/v1/embeddings")
                .header("Authorization", "Bearer " + embedKey)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("model", "google/gemini-embedding-001", "input", List.of("fixture:" + fixture, "second"),
                        "dimensions", 4))
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());

        assertThat(body.at("/object").asString()).isEqualTo("list");
        assertThat(body.at("/model").asString()).isEqualTo("google/gemini-embedding-001");
        assertThat(body.at("/provider").asString()).isEqualTo("Google AI Studio");
        assertThat(body.at("/data/1/index").asInt()).isEqualTo(1);
        assertThat(body.at("/data/1/embedding/0").doubleValue()).isEqualTo(-0.0120117);
        assertThat(body.at("/usage/prompt_tokens").asLong()).isEqualTo(prompt);
        assertThat(body.at("/usage/prompt_tokens_estimated").asBoolean(false)).isEqualTo(estimated);
        assertThat(body.at("/usage/is_byok").asBoolean()).isFalse();
        BigDecimal charged = body.at("/usage/cost").decimalValue();
        assertThat(charged).isEqualByComparingTo(new BigDecimal(cost));
        RecordedUpstream.Received upstream = GEMINI.last(fixture);
        assertThat(upstream.uri()).isEqualTo("/v1beta/models/gemini-embedding-001:batchEmbedContents");
        assertThat(upstream.header("x-goog-api-key")).isEqualTo("AIza-platform-0123456789");

        long chargedNanos = charged.movePointRight(9).longValueExact();
        Map<String, Object> record = Awaitility.await().atMost(Duration.ofSeconds(15))
                .until(() -> db.sql("SELECT * FROM generations WHERE org_id = :org").bind("org", org).fetch().one().block(),
                        row -> row != null);
        assertThat(record.get("api")).isEqualTo("embeddings");
        assertThat(record.get("model")).isEqualTo("google/gemini-embedding-001");
        assertThat(record.get("prompt_tokens")).isEqualTo(prompt);
        assertThat(record.get("total_nanos")).isEqualTo(chargedNanos);
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(redis.opsForValue().get(prefix.keys().balance(org)).block()).isEqualTo(Long.toString(1_000_000_000L - chargedNanos));
            assertThat(redis.opsForValue().get(prefix.keys().held(org)).block()).isIn(null, "0");
        });
    }

    private WebTestClient.ResponseSpec post(String model, String fixture, boolean stream) {
        return web.post().uri("/api/v1/chat/completions")
                .header("Authorization", "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("model", model, "stream", stream,
                        "messages", List.of(Map.of("role", "user", "content", "fixture:" + fixture))))
                .exchange();
    }

    private List<JsonNode> stream(String model, String fixture) {
        List<String> data = post(model, fixture, true)
                .expectStatus().isOk()
                .returnResult(String.class)
                .getResponseBody()
                .collectList()
                .block(Duration.ofSeconds(20));
        assertThat(data.getLast()).isEqualTo("[DONE]");
        return data.subList(0, data.size() - 1).stream().map(JSON::readTree).toList();
    }

    private static void assertUsage(JsonNode usage, long prompt, long completion, long cached, long cacheWrites, String cost) {
        assertThat(usage.path("prompt_tokens").asLong()).isEqualTo(prompt);
        assertThat(usage.path("completion_tokens").asLong()).isEqualTo(completion);
        assertThat(usage.at("/prompt_tokens_details/cached_tokens").asLong()).isEqualTo(cached);
        assertThat(usage.at("/prompt_tokens_details/cache_write_tokens").asLong()).isEqualTo(cacheWrites);
        assertThat(usage.path("cost").decimalValue()).isEqualByComparingTo(new BigDecimal(cost));
    }

}
