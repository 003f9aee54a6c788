package dev.switchboard.e2e;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.switchboard.testing.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 6's durability: billing-service is killed (SIGKILL) in the middle of a steady load and started
 * again; meanwhile inference goes on, its usage waiting in the Redis stream. Afterwards some usage
 * reports are delivered a second time. Every generation is posted exactly once: the ledger holds one
 * set of legs per successful response, and the organisation's usage is exactly the sum of the costs
 * the responses reported.
 */
class BillingRestartDurabilityTest extends LaunchedPlatformTest {

    private static final int PHASE = 60;
    private static final int CONCURRENCY = 8;
    private static final String CHAT = """
            {"model":"sim/lynx-mini","messages":[{"role":"user","content":"Tell me about ledgers."}]}""";

    @Test
    void eachGenerationIsPostedExactlyOnceAcrossABillingCrashAndRestartAndARedeliveredReport() throws Exception {
        String email = "durable-" + UUID.randomUUID() + "@example.com";
        Http browser = new Http(platform.url());
        Http.Reply signup = browser.post("/auth/signup", "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}");
        assertThat(signup.status()).as(signup.toString()).isEqualTo(201);
        UUID org = UUID.fromString(signup.json().path("data").path("organization").path("id").asString());
        String key = browser.post("/api/v1/keys", "{\"name\":\"durable\"}").json().get("key").asString();
        Http.Reply grant = new Http(platform.url()).bearer(platform.adminToken)
                .post("/api/admin/credits", "{\"email\":\"" + email + "\",\"amount_usd\":20}");
        assertThat(grant.status()).as(grant.toString()).isEqualTo(200);
        long grantNanos = 20 * 1_000_000_000L;

        // A steady load that runs until told to stop, so billing-service is killed and restarted
        // in its middle however fast the machine serves it: PHASE completions before the kill,
        // PHASE while billing-service is down, PHASE after it is back.
        AtomicInteger done = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<HttpResponse<String>> responses = new ConcurrentLinkedQueue<>();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        BillingProcess billing = new BillingProcess(platform);
        try (ExecutorService load = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < CONCURRENCY; i++) {
                workers.add(load.submit(() -> {
                    while (!stop.get()) {
                        responses.add(client.send(HttpRequest.newBuilder(URI.create(platform.url() + "/api/v1/chat/completions"))
                                .timeout(Duration.ofSeconds(60))
                                .header("Authorization", "Bearer " + key)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(CHAT))
                                .build(), HttpResponse.BodyHandlers.ofString()));
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            await().atMost(Duration.ofSeconds(120)).until(() -> done.get() >= PHASE);
            BillingProcess.Launch launch = billing.kill();
            int atKill = done.get();
            // inference goes on without billing-service: holds and settlement live in Redis
            await().atMost(Duration.ofSeconds(120)).until(() -> done.get() >= atKill + PHASE);
            billing.restart(launch);
            int atRestart = done.get();
            await().atMost(Duration.ofSeconds(120)).until(() -> done.get() >= atRestart + PHASE);
            stop.set(true);
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        int requests = responses.size();

        long charged = responses.stream()
                .peek(response -> assertThat(response.statusCode()).as(response.body()).isEqualTo(200))
                .mapToLong(response -> Http.JSON.readTree(response.body()).path("usage").path("cost").decimalValue()
                        .movePointRight(9).longValueExact())
                .sum();
        assertThat(requests).isGreaterThanOrEqualTo(3 * PHASE);

        // the same usage reports delivered a second time
        int redelivered = redeliverUsageReports(40);
        assertThat(redelivered).isEqualTo(40);

        await().atMost(Duration.ofSeconds(90)).until(() -> Books.usageOf(org).generations() == requests);
        Books.OrgUsage usage = Books.usageOf(org);
        assertThat(usage.legsPerGenerationMax()).as("upstream cost and platform fee, once each").isEqualTo(2);
        assertThat(usage.usageNanos()).isEqualTo(charged);
        Http sdk = new Http(platform.url()).bearer(key);
        JsonNode credits = sdk.get("/api/v1/credits").json().path("data");
        assertThat(credits.path("total_credits").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(grantNanos, 9));
        assertThat(credits.path("total_usage").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(charged, 9));
        // the redelivered reports are consumed, and change nothing
        await().atMost(Duration.ofSeconds(30)).until(() -> Books.usageOf(org).usageNanos() == charged
                && billingGroupHasNothingPending());
        assertThat(Books.usageOf(org).generations()).isEqualTo(requests);
        CreditsUnderConcurrencyTest.assertBooksBalance();
    }

    /** Appends copies of the first {@code count} usage reports to the stream, as a retried settle would. */
    private static int redeliverUsageReports(int count) {
        RedisClient redis = RedisClient.create(TestInfrastructure.redisUrl());
        try (StatefulRedisConnection<String, String> connection = redis.connect()) {
            String stream = TestInfrastructure.redisPrefix() + "usage";
            List<StreamMessage<String, String>> first = connection.sync().xrange(stream, Range.create("-", "+"),
                    Limit.from(count));
            for (StreamMessage<String, String> message : first) {
                connection.sync().xadd(stream, Map.copyOf(message.getBody()));
            }
            return first.size();
        } finally {
            redis.shutdown();
        }
    }

    /** XINFO GROUPS: the billing group has read everything in the stream and acknowledged it. */
    private static boolean billingGroupHasNothingPending() {
        RedisClient redis = RedisClient.create(TestInfrastructure.redisUrl());
        try (StatefulRedisConnection<String, String> connection = redis.connect()) {
            String stream = TestInfrastructure.redisPrefix() + "usage";
            return connection.sync().xinfoGroups(stream).stream()
                    .map(group -> (List<?>) group)
                    .anyMatch(group -> "billing".equals(String.valueOf(field(group, "name")))
                            && ((Number) field(group, "pending")).longValue() == 0
                            && field(group, "lag") instanceof Number lag && lag.longValue() == 0);
        } finally {
            redis.shutdown();
        }
    }

    private static Object field(List<?> flat, String name) {
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            if (name.equals(String.valueOf(flat.get(i)))) {
                return flat.get(i + 1);
            }
        }
        return null;
    }
}
