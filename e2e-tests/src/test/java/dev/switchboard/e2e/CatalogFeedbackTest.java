package dev.switchboard.e2e;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 3's two loops between the api-service and the catalog, through the whole platform: the
 * attempts the api-service makes show up in the model's public endpoint statistics, and a price
 * change made in catalog-service prices the api-service's requests within 5 s. The statistics test
 * runs first, so that the statistics it reads come from its own requests only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogFeedbackTest extends LaunchedPlatformTest {

    private static final String MODEL = "openai/gpt-4o-mini";
    private static final String QUESTION = "{\"role\":\"user\",\"content\":\"What is the capital of France?\"}";
    private static final Duration PROPAGATION_BOUND = Duration.ofSeconds(5);
    @Test
    @Order(1)
    void chatRequestsShowInTheModelsEndpointUptimeAndLatencyWithinSeconds() throws Exception {
        Http sdk = developerWithCredits();
        Http anyone = new Http(platform.url());
        assertThat(openAiEndpoint(anyone).path("uptime_last_5m").isNumber()).as("no attempts reported yet").isFalse();

        for (int i = 0; i < 3; i++) {
            assertThat(sdk.post("/api/v1/chat/completions", chat(false)).status()).isEqualTo(200);
            assertThat(sdk.post("/api/v1/chat/completions", chat(true)).status()).isEqualTo(200);
        }

        JsonNode endpoint = await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> openAiEndpoint(anyone), CatalogFeedbackTest::showsStreamedAttempts);
        assertThat(endpoint.get("uptime_last_5m").asDouble()).isEqualTo(100.0);
        assertThat(endpoint.get("uptime_last_30m").asDouble()).isEqualTo(100.0);
        assertThat(endpoint.get("uptime_last_1d").asDouble()).isEqualTo(100.0);
        JsonNode latency = endpoint.get("latency_last_30m");
        assertThat(latency.isObject()).as(endpoint.toString()).isTrue();
        assertThat(latency.get("p50").asDouble()).isGreaterThanOrEqualTo(0.0)
                .isLessThanOrEqualTo(latency.get("p99").asDouble());
        assertThat(endpoint.get("throughput_last_30m").isObject()).as(endpoint.toString()).isTrue();
    }

    @Test
    @Order(2)
    void aPriceChangeInTheCatalogPricesTheApiServicesRequestsWithinFiveSeconds() throws Exception {
        Http sdk = developerWithCredits();
        Http catalog = new Http(platform.catalogUrl()).bearer(platform.internalToken);
        String endpointId = openAiEndpointId(catalog);
        // the seed price: 24 × $0.15/M + 8 × $0.60/M = 8,400 nanos, plus the 5 % platform fee
        assertThat(cost(sdk)).isEqualByComparingTo("0.00000882");

        long changedAt = System.nanoTime();
        Http.Reply changed = catalog.post("/internal/catalog/endpoints/" + endpointId + "/prices",
                "{\"prompt\":\"0.000001\",\"completion\":\"0.000002\",\"effectiveFrom\":\"" + Instant.now() + "\"}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(201);
        // the new price: 24 × $1/M + 8 × $2/M = 40,000 nanos, plus the 5 % platform fee = 42,000 nanos
        await().atMost(PROPAGATION_BOUND)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> cost(sdk), cost -> cost.compareTo(new BigDecimal("0.000042")) == 0);
        Duration propagation = Duration.ofNanos(System.nanoTime() - changedAt);

        System.out.println("Price change reached the api-service in " + propagation.toMillis() + " ms");
        assertThat(propagation).isLessThan(PROPAGATION_BOUND);
        assertThat(cost(sdk)).as("every later request").isEqualByComparingTo("0.000042");
    }

    /**
     * Attempts arrive in batches, so the first ones may be whole answers only, which give uptime and
     * latency but no throughput (their tokens arrive at once); the last request was streamed.
     */
    private static boolean showsStreamedAttempts(JsonNode endpoint) {
        return endpoint.path("uptime_last_5m").isNumber() && endpoint.path("throughput_last_30m").isObject();
    }

    private static String chat(boolean stream) {
        return "{\"model\":\"" + MODEL + "\",\"stream\":" + stream + ",\"messages\":[" + QUESTION + "]}";
    }

    /** The cost of one non-streamed request, as the response's usage states it. */
    private static BigDecimal cost(Http sdk) throws Exception {
        Http.Reply reply = sdk.post("/api/v1/chat/completions", chat(false));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().path("usage").path("cost").decimalValue();
    }

    /** The OpenAI endpoint of the model in the public listing (its tag is the provider's slug). */
    private static JsonNode openAiEndpoint(Http anyone) throws Exception {
        Http.Reply listing = anyone.get("/api/v1/models/" + MODEL + "/endpoints");
        assertThat(listing.status()).as(listing.toString()).isEqualTo(200);
        for (JsonNode endpoint : listing.json().path("data").path("endpoints")) {
            if ("openai".equals(endpoint.path("tag").asString())) {
                return endpoint;
            }
        }
        throw new AssertionError("no openai endpoint for " + MODEL + " in " + listing);
    }

    private static String openAiEndpointId(Http catalog) throws Exception {
        Http.Reply snapshot = catalog.get("/internal/catalog/snapshot");
        assertThat(snapshot.status()).as("snapshot %d", snapshot.status()).isEqualTo(200);
        for (JsonNode model : snapshot.json().path("models")) {
            if (MODEL.equals(model.path("id").asString())) {
                for (JsonNode endpoint : model.path("endpoints")) {
                    if ("openai".equals(endpoint.path("provider").asString())) {
                        return endpoint.path("id").asString();
                    }
                }
            }
        }
        throw new AssertionError("no openai endpoint for " + MODEL + " in the catalog snapshot");
    }

    /** Signs up, creates a key and has the operator grant $10; returns an SDK-like client with the key. */
    private static Http developerWithCredits() throws Exception {
        String email = "feedback-" + UUID.randomUUID() + "@example.com";
        Http browser = new Http(platform.url());
        Http.Reply signup = browser.post("/auth/signup", "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}");
        assertThat(signup.status()).as(signup.toString()).isEqualTo(201);
        Http.Reply key = browser.post("/api/v1/keys", "{\"name\":\"feedback\"}");
        assertThat(key.status()).as(key.toString()).isEqualTo(201);
        Http.Reply grant = new Http(platform.url()).bearer(platform.adminToken)
                .post("/api/admin/credits", "{\"email\":\"" + email + "\",\"amount_usd\":10,\"note\":\"feedback test\"}");
        assertThat(grant.status()).as(grant.toString()).isEqualTo(200);
        return new Http(platform.url()).bearer(key.json().get("key").asString());
    }
}
