package dev.switchboard.api.generation;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.switchboard.api.identity.ApiIntegrationTest;
import dev.switchboard.api.platform.RedisPrefix;
import dev.switchboard.contracts.RedisKeys;
import dev.switchboard.contracts.billing.UsageEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The routing report travels beside the usage event in the stream entry and lands on the
 * generation record; an entry without one (written before routing was recorded, or by an older
 * instance during a rolling update) still becomes a record, with no attempts and no decision.
 */
class GenerationRouteRecordTests extends ApiIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    ReactiveStringRedisTemplate redis;
    @Autowired
    RedisPrefix prefix;

    @Test
    void theRoutingReportIsStoredAndShownWithTheGeneration() {
        Browser browser = signUp(uniqueEmail("routed"));
        String key = (String) createKey(browser, Map.of("name", "k")).get("key");
        String id = "gen-routed-" + UUID.randomUUID();
        String report = "{\"provider_responses\":[{\"endpoint_id\":\"ep-1\",\"provider\":\"a\",\"status\":503,\"latency\":12},"
                + "{\"endpoint_id\":\"ep-2\",\"provider\":\"b\",\"status\":200,\"latency\":40}],"
                + "\"routing\":{\"strategy\":[\"m: price-weighted\"],\"served_by\":{\"attempt\":2,\"endpoint\":\"ep-2\"}}}";
        append(event(id, browser.orgId()), report);

        JsonNode data = generation(key, id);
        assertThat(data.path("provider_responses")).hasSize(2);
        assertThat(data.path("provider_responses").get(0).path("status").asInt()).isEqualTo(503);
        assertThat(data.path("routing").path("served_by").path("attempt").asInt()).isEqualTo(2);
    }

    @Test
    void anEntryWithoutARoutingReportStillBecomesARecord() {
        Browser browser = signUp(uniqueEmail("unrouted"));
        String key = (String) createKey(browser, Map.of("name", "k")).get("key");
        String id = "gen-unrouted-" + UUID.randomUUID();
        append(event(id, browser.orgId()), null);

        JsonNode data = generation(key, id);
        assertThat(data.path("provider_responses").isArray()).isTrue();
        assertThat(data.path("provider_responses")).isEmpty();
        assertThat(data.path("routing").isNull()).isTrue();
        assertThat(data.path("model").asString()).isEqualTo("acme/chat");
    }

    private void append(UsageEvent event, String report) {
        Map<String, String> fields = report == null
                ? Map.of(RedisKeys.USAGE_FIELD, JSON.writeValueAsString(event))
                : Map.of(RedisKeys.USAGE_FIELD, JSON.writeValueAsString(event), RedisKeys.ROUTE_FIELD, report);
        redis.opsForStream().add(prefix.keys().usageStream(), fields).block();
    }

    private static UsageEvent event(String id, String orgId) {
        Instant now = Instant.now();
        return new UsageEvent(id, UUID.fromString(orgId), null, null, "acme/chat", "b", "ep-2", "up", false, false, false,
                "stop", 10, 5, 0, 0, 0, "0.000001", "0.000002", "0", "0", "0", 20, 20, 1, 0, 21, 100, 50, 40, 10, null,
                now, now, UsageEvent.API_CHAT);
    }

    private JsonNode generation(String key, String id) {
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
            found[0] = JSON.readTree(result.getResponseBody()).path("data");
            return true;
        });
        return found[0];
    }
}
