package dev.switchboard.api.inference;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.switchboard.api.catalog.CatalogSync;
import dev.switchboard.api.identity.ApiIntegrationTest;
import dev.switchboard.api.inference.messages.AnthropicRequestTranslator;
import dev.switchboard.api.platform.RedisPrefix;
import dev.switchboard.api.provider.CatalogSnapshotStub;
import dev.switchboard.api.provider.RecordedUpstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The token counts the Anthropic-compatible API reports, over HTTP against recorded Anthropic
 * traffic: {@code /messages/count_tokens} (Anthropic's exact figure for a model Anthropic serves,
 * the gateway's estimate otherwise, never charged), and the input usage of a streamed message.
 */
@TestPropertySource(properties = {
        "switchboard.providers.anthropic.api-key=" + MessagesTokenCountTests.PLATFORM_KEY,
        "switchboard.providers.openai.api-key=sk-openai-platform-0123456789",
})
class MessagesTokenCountTests extends ApiIntegrationTest {

    static final String PLATFORM_KEY = "sk-ant-platform-0123456789";
    private static final String CLAUDE = "anthropic/claude-sonnet-4.5";
    private static final String GPT = "openai/gpt-4o";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final RecordedUpstream ANTHROPIC = new RecordedUpstream("anthropic");
    /** The OpenAI endpoint is only ever estimated for, never called: its address answers nothing. */
    private static final CatalogSnapshotStub CATALOG = new CatalogSnapshotStub(List.of(
            new CatalogSnapshotStub.Route(CLAUDE, "anthropic", "Anthropic", "anthropic", ANTHROPIC.baseUrl() + "/v1",
                    "claude-sonnet-4-5", "0.000003", "0.000015", "0.0000003", "0.00000375", 8_192),
            new CatalogSnapshotStub.Route(GPT, "openai", "OpenAI", "openai", "http://127.0.0.1:9/v1", "gpt-4o",
                    "0.0000025", "0.00001", "0.00000125", "0", 16_384)));

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

    @AfterAll
    static void stop() {
        ANTHROPIC.close();
        CATALOG.close();
    }

    @BeforeEach
    void catalogInstalled() {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> catalogSync.view().model(GPT).isPresent());
    }

    private record Org(Browser browser, String key) {
        UUID id() {
            return UUID.fromString(browser.orgId());
        }
    }

    private Org fundedOrg(String who) {
        Browser browser = signUp(uniqueEmail(who));
        String key = (String) createKey(browser, Map.of("name", who)).get("key");
        redis.opsForValue().set(prefix.keys().balance(UUID.fromString(browser.orgId())), "1000000000").block();
        return new Org(browser, key);
    }

    private static String countRequest(String model, String fixture) {
        return """
                {"model":"%s","system":"Answer briefly.",
                 "messages":[{"role":"user","content":"fixture:%s What is the weather in Paris?"}],
                 "tools":[{"name":"get_weather","description":"Current weather","input_schema":{"type":"object",
                   "properties":{"city":{"type":"string"}}}}],
                 "tool_choice":{"type":"auto"}}""".formatted(model, fixture);
    }

    private WebTestClient.ResponseSpec count(String path, String key, String body) {
        WebTestClient.RequestBodySpec request = web.post().uri(path).contentType(MediaType.APPLICATION_JSON);
        if (key != null) {
            request = request.header("x-api-key", key);
        }
        return request.header("anthropic-version", "2023-06-01").bodyValue(body).exchange();
    }

    @Test
    void anAnthropicModelIsCountedByAnthropicWithThePlatformKeyAndTheBodyAMessagesCallWouldSend() {
        Org org = fundedOrg("count-exact");

        count("/api/v1/messages/count_tokens", org.key(), countRequest(CLAUDE, "count-tokens"))
                .expectStatus().isOk()
                .expectHeader().valueEquals(TokenCountHandler.HEADER, "exact")
                .expectBody().json("{\"input_tokens\":2095}", true);

        RecordedUpstream.Received received = ANTHROPIC.last("count-tokens");
        assertThat(received.uri()).isEqualTo("/v1/messages/count_tokens");
        assertThat(received.header("x-api-key")).isEqualTo(PLATFORM_KEY);
        assertThat(received.header("anthropic-version")).isEqualTo("2023-06-01");
        JsonNode body = JSON.readTree(received.body());
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("model", "system", "messages", "tools", "tool_choice");
        assertThat(body.path("model").asString()).isEqualTo("claude-sonnet-4-5");
        assertThat(body.at("/system/0/text").asString()).isEqualTo("Answer briefly.");
        assertThat(body.at("/messages/0/role").asString()).isEqualTo("user");
        assertThat(body.at("/messages/0/content").toString()).contains("What is the weather in Paris?");
        assertThat(body.at("/tools/0/name").asString()).isEqualTo("get_weather");
        assertThat(body.at("/tools/0/input_schema/properties/city/type").asString()).isEqualTo("string");
        assertThat(body.at("/tool_choice/type").asString()).isEqualTo("auto");
    }

    @Test
    void anOrganisationsOwnAnthropicKeyIsTheOneThatCounts() {
        Org org = fundedOrg("count-byok");
        post(org.browser(), "/api/v1/byok").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("provider", "anthropic", "key", "sk-ant-org-own-0123456789", "priority", "always"))
                .exchange().expectStatus().isCreated();

        count("/v1/messages/count_tokens", org.key(), countRequest(CLAUDE, "count-tokens"))
                .expectStatus().isOk()
                .expectHeader().valueEquals(TokenCountHandler.HEADER, "exact")
                .expectBody().jsonPath("$.input_tokens").isEqualTo(2095);

        assertThat(ANTHROPIC.last("count-tokens").header("x-api-key")).isEqualTo("sk-ant-org-own-0123456789");
    }

    @Test
    void aModelServedOverOpenAiIsEstimatedByTheGatewayAsForItsHolds() {
        Org org = fundedOrg("count-estimate");
        String request = countRequest(GPT, "never-sent");
        // the estimator that sizes holds and context checks, applied to the same translated request
        long estimate = ChatRequest.of(new AnthropicRequestTranslator(JSON)
                .countRequestToChat((ObjectNode) JSON.readTree(request))).promptTokensEstimate();
        int upstreamRequests = ANTHROPIC.received().size();

        count("/api/v1/messages/count_tokens", org.key(), request)
                .expectStatus().isOk()
                .expectHeader().valueEquals(TokenCountHandler.HEADER, "estimated")
                .expectBody().json("{\"input_tokens\":" + estimate + "}", true);

        assertThat(estimate).isGreaterThan(10);
        assertThat(ANTHROPIC.received()).hasSize(upstreamRequests);
    }

    @Test
    void aSignedInBrowserMayCountToo() {
        Org org = fundedOrg("count-session");

        post(org.browser(), "/api/v1/messages/count_tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(countRequest(GPT, "never-sent"))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(TokenCountHandler.HEADER, "estimated");
    }

    @Test
    void countingHoldsAndChargesNothing() {
        Org org = fundedOrg("count-free");

        count("/api/v1/messages/count_tokens", org.key(), countRequest(CLAUDE, "count-tokens")).expectStatus().isOk();
        count("/api/v1/messages/count_tokens", org.key(), countRequest(GPT, "never-sent")).expectStatus().isOk();

        assertThat(redis.opsForValue().get(prefix.keys().balance(org.id())).block()).isEqualTo("1000000000");
        String held = redis.opsForValue().get(prefix.keys().held(org.id())).block();
        assertThat(held == null ? 0 : Long.parseLong(held)).isZero();
        assertThat(usageEvents(org)).isEmpty();
    }

    @Test
    void badRequestsAreAnsweredInAnthropicsShape() {
        Org org = fundedOrg("count-errors");

        expectError(null, countRequest(CLAUDE, "count-tokens"), 401, "authentication_error", "");
        expectError(org.key(), countRequest("anthropic/no-such-model", "count-tokens"), 404, "not_found_error", "");
        expectError(org.key(), "{not json", 400, "invalid_request_error", "Malformed JSON");
        expectError(org.key(), "{\"model\":\"" + CLAUDE + "\"}", 400, "invalid_request_error", "messages");
        expectError(org.key(), "{\"model\":\"" + CLAUDE + "\",\"messages\":[{\"role\":\"robot\",\"content\":\"hi\"}]}",
                400, "invalid_request_error", "messages.0.role");
        expectError(org.key(), "{\"model\":\"" + CLAUDE + "\",\"max_tokens\":0,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                400, "invalid_request_error", "max_tokens");
        expectError(org.key(), "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", 400, "invalid_request_error", "model");
    }

    @Test
    void anUpstreamThatRefusesToCountIsAnErrorNotAnEstimate() {
        Org org = fundedOrg("count-upstream-error");

        expectError(org.key(), countRequest(CLAUDE, "http-429-rate"), 429, "rate_limit_error", "rate limited");
    }

    @Test
    void aStreamFromAnthropicOpensWithItsExactInputCountAndEndsWithTheSame() {
        Org org = fundedOrg("stream-exact-input");

        String body = new String(web.post().uri("/api/v1/messages")
                .header("x-api-key", org.key())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"model\":\"" + CLAUDE + "\",\"max_tokens\":300,\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"fixture:cache What does section 3 say?\"}]}")
                .exchange()
                .expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody(), StandardCharsets.UTF_8);

        JsonNode start = event(body, "message_start").path("message").path("usage");
        JsonNode last = event(body, "message_delta").path("usage");
        // the recording's message_start: 14 uncached, 2,048 read from the cache, 512 written to it
        assertThat(List.of(start, last)).extracting(usage -> usage.path("input_tokens").asLong(),
                        usage -> usage.path("cache_read_input_tokens").asLong(),
                        usage -> usage.path("cache_creation_input_tokens").asLong(),
                        usage -> usage.path("output_tokens").asLong())
                .containsExactly(tuple(14L, 2_048L, 512L, 0L), tuple(14L, 2_048L, 512L, 27L));
    }

    private void expectError(String key, String body, int status, String type, String message) {
        count("/api/v1/messages/count_tokens", key, body)
                .expectStatus().isEqualTo(status)
                .expectBody()
                .jsonPath("$.type").isEqualTo("error")
                .jsonPath("$.error.type").isEqualTo(type)
                .jsonPath("$.error.message").value(String.class, text -> assertThat(text).isNotEmpty().contains(message));
    }

    private static JsonNode event(String stream, String name) {
        return Arrays.stream(stream.split("\n\n"))
                .filter(event -> event.startsWith("event: " + name + "\n"))
                .map(event -> JSON.readTree(event.substring(event.indexOf("data: ") + "data: ".length())))
                .toList()
                .getLast();
    }

    private List<String> usageEvents(Org org) {
        return redis.opsForStream().range(prefix.keys().usageStream(), Range.unbounded())
                .map(record -> String.valueOf(record.getValue().get("event")))
                .filter(event -> event.contains(org.id().toString()))
                .collectList()
                .block();
    }
}
