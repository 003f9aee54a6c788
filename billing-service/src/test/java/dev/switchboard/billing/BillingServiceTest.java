package dev.switchboard.billing;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import tools.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.switchboard.contracts.RedisKeys;
import dev.switchboard.contracts.billing.CreditSettings;
import dev.switchboard.contracts.billing.CreditsView;
import dev.switchboard.contracts.billing.LedgerCheck;
import dev.switchboard.contracts.billing.OpenAccountRequest;
import dev.switchboard.contracts.billing.UsageEvent;
import dev.switchboard.testing.TestInfrastructure;
import dev.switchboard.testing.stripe.FakeStripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole service on a random port against this JVM's own PostgreSQL database and Redis prefix.
 * One Spring context serves every test class (same configuration), and after every test the books
 * must balance.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "switchboard.internal-token=" + BillingServiceTest.TOKEN,
        "switchboard.billing.usage.batch-size=20",
        "switchboard.billing.usage.poll-interval=50ms",
        "switchboard.billing.usage.claim-idle=1s",
        "switchboard.billing.usage.claim-interval=250ms",
        "switchboard.billing.usage.retry-backoff=200ms"})
@AutoConfigureWebTestClient
public abstract class BillingServiceTest {

    public static final String TOKEN = "test-token";
    public static final long USD = 1_000_000_000L;
    public static final String STRIPE_WEBHOOK_SECRET = "whsec_test_" + java.util.UUID.randomUUID();
    /** The Stripe API every test class talks to (one per JVM, like the Spring context). */
    protected static final FakeStripe STRIPE = new FakeStripe();

    @Autowired
    private WebTestClient anonymous;
    @Autowired
    protected ReactiveStringRedisTemplate redis;
    @Autowired
    protected RedisKeys keys;
    @Autowired
    protected ObjectMapper json;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        registry.add("switchboard.stripe.api-base", STRIPE::url);
        registry.add("switchboard.stripe.secret-key", () -> "sk_test_fake");
        registry.add("switchboard.stripe.webhook-secret", () -> STRIPE_WEBHOOK_SECRET);
    }

    /** A client that presents the internal token. */
    protected WebTestClient internal() {
        return anonymous.mutate()
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }

    protected WebTestClient anonymous() {
        return anonymous;
    }

    protected UUID openAccount() {
        UUID org = UUID.randomUUID();
        internal().post().uri("/internal/accounts").bodyValue(new OpenAccountRequest(org))
                .exchange().expectStatus().isOk();
        return org;
    }

    protected CreditsView credits(UUID org) {
        return internal().get().uri("/internal/orgs/{org}/credits", org)
                .exchange()
                .expectStatus().isOk()
                .expectBody(CreditsView.class)
                .returnResult()
                .getResponseBody();
    }

    protected CreditSettings putSettings(UUID org, CreditSettings settings) {
        return internal().put().uri("/internal/orgs/{org}/credit-settings", org)
                .bodyValue(settings)
                .exchange()
                .expectStatus().isOk()
                .expectBody(CreditSettings.class)
                .returnResult()
                .getResponseBody();
    }

    protected void awaitBalance(UUID org, long nanos) {
        await().atMost(Duration.ofSeconds(10)).until(() -> credits(org).balanceNanos() == nanos);
    }

    /** A settled generation of {@code nanos} (upstream cost only), as api-service appends it after debiting Redis. */
    protected void spend(UUID org, long nanos) {
        redis.opsForValue().decrement(keys.balance(org), nanos).block();
        Instant now = Instant.now();
        UsageEvent event = new UsageEvent("gen-" + UUID.randomUUID(), org, UUID.randomUUID(), "key-hash",
                "sim/lynx-mini", "sim", "ep-1", "lynx-mini", false, false, false, "stop", 10, 10, 0, 0, 0,
                "0", "0", "0", "0", "0", nanos, nanos, 0, 0, nanos, nanos, 10, 10, 10, "api", now.minusSeconds(1), now,
                UsageEvent.API_CHAT);
        redis.opsForStream().add(keys.usageStream(), Map.of(RedisKeys.USAGE_FIELD, json.writeValueAsString(event))).block();
    }

    @AfterEach
    void booksBalance() {
        LedgerCheck check = internal().get().uri("/internal/ledger/check")
                .exchange()
                .expectStatus().isOk()
                .expectBody(LedgerCheck.class)
                .returnResult()
                .getResponseBody();
        assertThat(check).isNotNull();
        assertThat(check.balanced()).as("books balance: %s", check).isTrue();
        assertThat(check.netOfAllAccountsNanos()).isZero();
        assertThat(check.sumDebitsNanos()).isEqualTo(check.sumCreditsNanos());
    }
}
