package dev.switchboard.api.inference;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.JsonNode;

import dev.switchboard.api.catalog.CatalogSync;
import dev.switchboard.api.identity.ApiIntegrationTest;
import dev.switchboard.api.platform.RedisPrefix;
import dev.switchboard.contracts.catalog.CatalogSnapshot;
import dev.switchboard.contracts.catalog.EndpointInfo;
import dev.switchboard.contracts.catalog.ModelInfo;
import dev.switchboard.contracts.catalog.Prices;
import dev.switchboard.contracts.catalog.ProviderInfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault injection against local upstream emulators ({@link UpstreamEmulator}). Each faulty
 * endpoint is the cheapest of its model and requests sort by price, so it is always tried first:
 * before the first byte (500, 402, 429 with Retry-After, no answer within the first-byte timeout,
 * a refused connection) the client gets a success through the next endpoint; after it (a stall
 * between chunks, a reset connection) the stream ends with OpenRouter's error chunk, status 200,
 * and is charged for what was generated.
 */
class FailoverTests extends ApiIntegrationTest {

    static final UpstreamEmulator UPSTREAM = new UpstreamEmulator();
    static final List<String> BEHAVIOURS = List.of("ok", "e500", "e402", "e429", "hang", "stall", "reset", "refused");
    static final CatalogStub CATALOG = new CatalogStub(snapshot());

    @Autowired
    ReactiveStringRedisTemplate redis;
    @Autowired
    RedisPrefix prefix;
    @Autowired
    CatalogSync catalog;

    String key;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("switchboard.catalog-url", CATALOG::url);
        for (String behaviour : BEHAVIOURS) {
            registry.add("switchboard.providers." + behaviour + ".base-url",
                    () -> behaviour.equals("refused") ? "http://127.0.0.1:9" : UPSTREAM.url(behaviour));
        }
        registry.add("switchboard.upstream.first-byte", () -> "1s");
        registry.add("switchboard.upstream.idle", () -> "1s");
        registry.add("switchboard.inference.keepalive-interval", () -> "30s");
        registry.add("switchboard.routing.failover-window", () -> "2500ms");
        registry.add("switchboard.free-models.per-minute", () -> "2");
    }

    /**
     * One model per fault: {@code test/<fault>} with the faulty endpoint at 1 µUSD per token and a
     * healthy one at 2 µUSD; {@code test/only429} with the rate-limited endpoint alone;
     * {@code test/down} (one failing endpoint) and {@code test/backup} for model fallbacks.
     */
    static CatalogSnapshot snapshot() {
        List<ProviderInfo> providers = BEHAVIOURS.stream()
                .map(b -> new ProviderInfo(b, "Emulated " + b, "openai-compatible", null, false, true, false, false, null, "active"))
                .toList();
        List<ModelInfo> models = new ArrayList<>();
        for (String fault : List.of("e500", "e402", "e429", "hang", "stall", "reset", "refused")) {
            models.add(model("test/" + fault, endpoint(fault + "-bad", fault, "0.000001"), endpoint(fault + "-good", "ok", "0.000002")));
        }
        models.add(model("test/only429", endpoint("only429", "e429", "0.000001")));
        models.add(model("test/down", endpoint("down-only", "e500", "0.000001")));
        models.add(model("test/backup", endpoint("backup-only", "ok", "0.000003")));
        models.add(model("test/many", endpoint("many-1", "e500", "0.000001"), endpoint("many-2", "e500", "0.000001"),
                endpoint("many-3", "e500", "0.000001"), endpoint("many-4", "e500", "0.000001"),
                endpoint("many-5", "e500", "0.000001"), endpoint("many-6", "e500", "0.000001"),
                endpoint("many-ok", "ok", "0.000002")));
        models.add(model("test/slow", endpoint("slow-1", "hang", "0.000001"), endpoint("slow-2", "hang", "0.000001"),
                endpoint("slow-3", "hang", "0.000001"), endpoint("slow-4", "hang", "0.000001"),
                endpoint("slow-ok", "ok", "0.000002")));
        models.add(model("test/breaker", endpoint("breaker-only", "e500", "0.000001")));
        models.add(model("test/freebie", endpoint("freebie-free", "ok", "0"), endpoint("freebie-paid", "ok", "0.000001")));
        models.add(model("test/sticky", endpoint("sticky-1", "ok", "0.000001"), endpoint("sticky-2", "ok", "0.000001"),
                endpoint("sticky-3", "ok", "0.000001"), endpoint("sticky-4", "ok", "0.000001")));
        return new CatalogSnapshot("failover-1", Instant.EPOCH, providers, models);
    }

    static ModelInfo model(String id, EndpointInfo... endpoints) {
        return new ModelInfo(id, id, id, 0, "", 32_000, List.of("text"), List.of("text"), List.of(), List.of(endpoints));
    }

    static EndpointInfo endpoint(String id, String provider, String price) {
        return new EndpointInfo(id, provider, "up-" + id, new Prices("p-" + id, price, price, "0", "0", "0", "0", Instant.EPOCH),
                32_000, null, null, List.of("max_tokens", "temperature"), "active");
    }

    @BeforeEach
    void signedUpWithCredits() {
        await().atMost(Duration.ofSeconds(20)).until(() -> catalog.view().model("test/e500").isPresent());
        Browser browser = signUp(uniqueEmail("failover"));
        key = (String) createKey(browser, Map.of("name", "failover")).get("key");
        redis.opsForValue().set(prefix.keys().balance(UUID.fromString(browser.orgId())), "100000000000").block();
    }

    @ParameterizedTest(name = "{0} before the first byte → served by the next endpoint (streamed)")
    @CsvSource({"e500, 500", "e402, 402", "e429, 429", "hang, 0", "refused, 0"})
    void aStreamThatFailsBeforeItsFirstByteIsServedByTheNextEndpoint(String fault, int status) {
        EntityExchangeResult<byte[]> result = chat("test/" + fault, true, "");
        assertThat(result.getStatus().value()).isEqualTo(200);
        List<JsonNode> frames = frames(result);
        assertThat(content(frames)).isEqualTo("Hello world");
        assertThat(frames).noneMatch(frame -> frame.has("error"));
        assertThat(frames.getFirst().path("model").asString()).isEqualTo("test/" + fault);
        assertThat(result.getResponseHeaders().getFirst("X-Switchboard-Route"))
                .isEqualTo("served=ok/" + fault + "-good; attempt=2; tried=" + fault + "-bad:" + status + "," + fault
                        + "-good:200; candidates=2; excluded=0; strategy=sort:price");

        JsonNode generation = generation(frames.getFirst().path("id").asString());
        assertThat(generation.path("provider_responses")).hasSize(2);
        assertThat(generation.path("provider_responses").get(0).path("status").asInt()).isEqualTo(status);
        assertThat(generation.path("provider_responses").get(0).path("endpoint_id").asString()).isEqualTo(fault + "-bad");
        assertThat(generation.path("provider_responses").get(1).path("status").asInt()).isEqualTo(200);
        assertThat(generation.path("routing").path("served_by").path("attempt").asInt()).isEqualTo(2);
        assertThat(generation.path("routing").path("strategy").get(0).asString()).isEqualTo("test/" + fault + ": sort:price");
        assertThat(generation.path("routing").path("candidates").get(0).path("why").get(0).asString())
                .isEqualTo("price 0.000002 USD/token (prompt + completion)");
        assertThat(generation.path("routing").path("candidates").get(1).path("endpoint").asString()).isEqualTo(fault + "-good");
        assertThat(generation.path("provider_name").asString()).isEqualTo("ok");
    }

    @ParameterizedTest(name = "{0} before the answer → served by the next endpoint (whole answer)")
    @CsvSource({"e500, 500", "e402, 402", "e429, 429", "hang, 0", "refused, 0"})
    void aCompletionThatFailsIsServedByTheNextEndpoint(String fault, int status) {
        EntityExchangeResult<byte[]> result = chat("test/" + fault, false, "");
        assertThat(result.getStatus().value()).isEqualTo(200);
        JsonNode body = UpstreamEmulator.parse(new String(result.getResponseBody()));
        assertThat(body.path("choices").get(0).path("message").path("content").asString()).isEqualTo("Hello world");
        assertThat(result.getResponseHeaders().getFirst("X-Switchboard-Route"))
                .contains("tried=" + fault + "-bad:" + status + "," + fault + "-good:200;");
    }

    @Test
    void aRateLimitWithNothingElseToTryReachesTheClientWithItsRetryAfter() {
        EntityExchangeResult<byte[]> result = chat("test/only429", true, "");
        assertThat(result.getStatus().value()).isEqualTo(429);
        assertThat(result.getResponseHeaders().getFirst("Retry-After")).isEqualTo("7");
        JsonNode error = UpstreamEmulator.parse(new String(result.getResponseBody())).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(429);
    }

    @Test
    void theNextModelServesWhenEveryEndpointOfTheFirstFailsAndIsTheOneBilled() {
        EntityExchangeResult<byte[]> result = web.post().uri("/api/v1/chat/completions")
                .header("Authorization", "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"models\":[\"test/down\",\"test/backup\"],\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .exchange()
                .expectBody(byte[].class)
                .returnResult();
        List<JsonNode> frames = frames(result);
        assertThat(content(frames)).isEqualTo("Hello world");
        assertThat(frames.getFirst().path("model").asString()).isEqualTo("test/backup");
        JsonNode generation = generation(frames.getFirst().path("id").asString());
        assertThat(generation.path("model").asString()).isEqualTo("test/backup");
        assertThat(generation.path("prices").path("prompt").asString()).isEqualTo("0.000003");
        assertThat(generation.path("provider_responses")).extracting(r -> r.path("model_permaslug").asString())
                .containsExactly("test/down", "test/backup");
    }

    @ParameterizedTest(name = "{0} after the first byte → error chunk, charged for what was generated")
    @CsvSource({"stall", "reset"})
    void aStreamThatBreaksAfterItsFirstByteEndsWithAnErrorChunkAndIsChargedForWhatWasGenerated(String fault) {
        EntityExchangeResult<byte[]> result = chat("test/" + fault, true, "");
        assertThat(result.getStatus().value()).isEqualTo(200);
        List<JsonNode> frames = frames(result);
        assertThat(content(frames)).isEqualTo("Hello wor");
        JsonNode errorChunk = frames.stream().filter(f -> f.has("error")).findFirst().orElseThrow();
        assertThat(errorChunk.path("error").path("code").asInt()).isBetween(400, 599);
        assertThat(errorChunk.path("error").path("message").asString()).isNotBlank();
        assertThat(errorChunk.path("choices").get(0).path("finish_reason").asString()).isEqualTo("error");
        JsonNode usage = frames.getLast().path("usage");
        assertThat(usage.path("completion_tokens").asLong()).isEqualTo(2);
        assertThat(new BigDecimal(usage.path("cost").asString())).isPositive();
        assertThat(rawBody(result)).endsWith("data: [DONE]\n\n");

        JsonNode generation = generation(frames.getFirst().path("id").asString());
        assertThat(generation.path("provider_responses")).as("no failover after the first byte").hasSize(1);
        assertThat(generation.path("provider_responses").get(0).path("status").asInt()).isZero();
        assertThat(generation.path("finish_reason").asString()).isEqualTo("error");
        assertThat(generation.path("total_cost_nanos").asLong()).isPositive();
    }

    @Test
    void attemptsAreBoundedByConfiguration() {
        int before = UPSTREAM.calls("e500");
        EntityExchangeResult<byte[]> result = chat("test/many", false, "");
        assertThat(result.getStatus().value()).as("the sixth failing endpoint and the healthy one are never tried").isEqualTo(502);
        assertThat(UPSTREAM.calls("e500") - before).isEqualTo(5);
    }

    @Test
    void consecutiveFailuresOpenTheEndpointsCircuitAndItIsNoLongerCalled() {
        for (int i = 0; i < 5; i++) {
            assertThat(chat("test/breaker", false, "").getStatus().value()).isEqualTo(502);
        }
        int before = UPSTREAM.calls("e500");
        EntityExchangeResult<byte[]> ejected = chat("test/breaker", false, "");
        assertThat(ejected.getStatus().value()).isEqualTo(503);
        JsonNode error = UpstreamEmulator.parse(new String(ejected.getResponseBody())).path("error");
        assertThat(error.path("metadata").path("excluded").get(0).path("filter").asString()).isEqualTo("circuit_open");
        assertThat(UPSTREAM.calls("e500")).as("an open circuit is not called").isEqualTo(before);
    }

    @Test
    void noNewAttemptStartsAfterTheFailoverWindow() {
        int before = UPSTREAM.calls("hang");
        EntityExchangeResult<byte[]> result = chat("test/slow", false, "");
        assertThat(result.getStatus().value()).as("three 1 s timeouts pass the 2.5 s window").isEqualTo(408);
        assertThat(UPSTREAM.calls("hang") - before).isEqualTo(3);
    }

    @Test
    void theFreeVariantHasItsOwnRateLimitPerOrganisation() {
        int served = 0;
        EntityExchangeResult<byte[]> limited = null;
        // Two a minute: a minute boundary during the loop allows two more, so a 429 comes within five.
        for (int i = 0; i < 5 && limited == null; i++) {
            EntityExchangeResult<byte[]> result = chat("test/freebie:free", false, "");
            if (result.getStatus().value() == 200) {
                served++;
                assertThat(result.getResponseHeaders().getFirst("X-Switchboard-Route")).startsWith("served=ok/freebie-free;");
            } else {
                limited = result;
            }
        }
        assertThat(served).isBetween(2, 4);
        assertThat(limited).isNotNull();
        assertThat(limited.getStatus().value()).isEqualTo(429);
        assertThat(Long.parseLong(limited.getResponseHeaders().getFirst("Retry-After"))).isBetween(1L, 60L);
        assertThat(chat("test/freebie", false, "").getStatus().value()).as("the paid variant is not limited").isEqualTo(200);
    }

    @Test
    void aSessionStaysOnOneEndpointAcrossRequestsForTenMinutesOfActivity() {
        List<String> served = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            EntityExchangeResult<byte[]> result = web.post().uri("/api/v1/chat/completions")
                    .header("Authorization", "Bearer " + key)
                    .header("x-session-id", "conversation-1")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"model\":\"test/sticky\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody(byte[].class)
                    .returnResult();
            served.add(result.getResponseHeaders().getFirst("X-Switchboard-Route").split(";")[0]);
        }
        assertThat(served).as("one endpoint for the whole session").containsOnly(served.getFirst());
        List<String> keys = redis.keys(prefix.value() + "sticky:*").collectList().block();
        assertThat(keys).isNotEmpty();
        Duration ttl = redis.getExpire(keys.getFirst()).block();
        assertThat(ttl).isBetween(Duration.ofSeconds(590), Duration.ofMinutes(10));

        java.util.Set<String> unsticky = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            unsticky.add(web.post().uri("/api/v1/chat/completions")
                    .header("Authorization", "Bearer " + key)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"model\":\"test/sticky\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody(byte[].class)
                    .returnResult()
                    .getResponseHeaders().getFirst("X-Switchboard-Route").split(";")[0]);
        }
        // Four equal prices: all 20 draws on one endpoint has probability 4 × 4^-20 ≈ 4e-12.
        assertThat(unsticky).as("without a session, equal prices spread the load").hasSizeGreaterThan(1);
    }

    private EntityExchangeResult<byte[]> chat(String model, boolean stream, String extra) {
        return web.post().uri("/api/v1/chat/completions")
                .header("Authorization", "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"model\":\"" + model + "\",\"stream\":" + stream + ",\"provider\":{\"sort\":\"price\"},"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]" + extra + "}")
                .exchange()
                .expectBody(byte[].class)
                .returnResult();
    }

    private JsonNode generation(String id) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            EntityExchangeResult<byte[]> result = web.get().uri("/api/v1/generation?id=" + id)
                    .header("Authorization", "Bearer " + key)
                    .exchange()
                    .expectBody(byte[].class)
                    .returnResult();
            if (result.getStatus().value() != 200) {
                return false;
            }
            found[0] = UpstreamEmulator.parse(new String(result.getResponseBody())).path("data");
            return true;
        });
        return found[0];
    }

    private static String rawBody(EntityExchangeResult<byte[]> result) {
        return new String(result.getResponseBody());
    }

    /** The JSON {@code data:} frames of a stream, without {@code [DONE]} and comments. */
    private static List<JsonNode> frames(EntityExchangeResult<byte[]> result) {
        List<JsonNode> frames = new ArrayList<>();
        for (String event : rawBody(result).split("\n\n")) {
            for (String line : event.split("\n")) {
                if (line.startsWith("data: ") && !line.equals("data: [DONE]")) {
                    frames.add(UpstreamEmulator.parse(line.substring(6)));
                }
            }
        }
        return frames;
    }

    private static String content(List<JsonNode> frames) {
        StringBuilder text = new StringBuilder();
        for (JsonNode frame : frames) {
            for (JsonNode choice : frame.path("choices")) {
                text.append(choice.path("delta").path("content").asString(""));
            }
        }
        return text.toString();
    }
}
