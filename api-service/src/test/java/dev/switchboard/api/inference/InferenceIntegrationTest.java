package dev.switchboard.api.inference;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.switchboard.api.catalog.CatalogSync;
import dev.switchboard.api.identity.ApiIntegrationTest;
import dev.switchboard.api.platform.RedisPrefix;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The api-service with a local catalog and OpenAI-compatible upstreams ({@link FakeProviders}), so
 * chat requests run end to end. The context is closed after each class: the test JVM keeps every
 * other context cached, and one more open connection pool per cached context ran the shared
 * PostgreSQL out of connections when several engineers' builds ran at once.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class InferenceIntegrationTest extends ApiIntegrationTest {

    protected static final FakeProviders PROVIDERS = new FakeProviders();
    protected static final long BALANCE_NANOS = 10_000_000_000L;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("switchboard.catalog-url", PROVIDERS::url);
        registry.add("switchboard.providers.alpha.api-key", () -> FakeProviders.PLATFORM_KEY);
    }

    @Autowired
    protected ReactiveStringRedisTemplate redis;
    @Autowired
    protected RedisPrefix prefix;
    @Autowired
    protected CatalogSync catalog;

    @BeforeEach
    void catalogLoaded() {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> catalog.view().model("test/alpha-model").isPresent());
        PROVIDERS.failing.clear();
    }

    /** An organisation with {@link #BALANCE_NANOS} of spendable credit and an API key created with {@code keyFields}. */
    protected record Org(Browser browser, String key, String keyHash, UUID id) {
    }

    protected Org org(String who, Map<String, Object> keyFields) {
        Browser browser = signUp(uniqueEmail(who));
        UUID id = UUID.fromString(browser.orgId());
        redis.opsForValue().set(prefix.keys().balance(id), Long.toString(BALANCE_NANOS)).block();
        Map<String, Object> created = createKey(browser, keyFields);
        return new Org(browser, (String) created.get("key"), (String) ((Map<?, ?>) created.get("data")).get("hash"), id);
    }

    protected WebTestClient.ResponseSpec chat(Org org, String model) {
        return web.post().uri("/api/v1/chat/completions").header("Authorization", "Bearer " + org.key())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("model", model, "max_tokens", 2000, "messages", List.of(Map.of("role", "user", "content", "hi"))))
                .exchange();
    }

    protected void awaitBalance(Org org, long expectedNanos) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(redis.opsForValue().get(prefix.keys().balance(org.id())).block()).isEqualTo(Long.toString(expectedNanos)));
    }
}
