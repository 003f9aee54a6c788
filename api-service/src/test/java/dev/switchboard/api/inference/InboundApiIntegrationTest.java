package dev.switchboard.api.inference;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import dev.switchboard.api.catalog.CatalogSync;
import dev.switchboard.api.identity.ApiIntegrationTest;
import dev.switchboard.api.platform.RedisPrefix;
import dev.switchboard.contracts.RedisKeys;
import dev.switchboard.contracts.billing.UsageEvent;
import dev.switchboard.contracts.catalog.Prices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The running api-service with a catalog ({@link CatalogSnapshotStub}) whose OpenAI endpoints point
 * at {@link RecordedOpenAiUpstream}. Accounts are funded by setting their spendable balance in
 * Redis, exactly as billing-service does after a grant; every charge is then read back from the
 * usage stream, so a test can check that credits = grants − charges. Streams get keepalives every
 * 2 ms while they wait for the first token.
 */
public abstract class InboundApiIntegrationTest extends ApiIntegrationTest {

    protected static final RecordedOpenAiUpstream UPSTREAM = new RecordedOpenAiUpstream();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final BigDecimal PLATFORM_FEE_PERCENT = BigDecimal.valueOf(5);

    @Autowired
    private ReactiveStringRedisTemplate redis;
    @Autowired
    private RedisPrefix prefix;
    @Autowired
    private CatalogSync catalog;
    @Value("${local.server.port}")
    protected int port;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("switchboard.catalog-url", () -> CatalogSnapshotStub.instance().url());
        registry.add("switchboard.providers.openai.base-url", UPSTREAM::baseUrl);
        registry.add("switchboard.providers.openai.api-key", () -> RecordedOpenAiUpstream.API_KEY);
        // Keepalives every few milliseconds, so that every stream here carries some before its
        // first token and the SDKs are shown to read past them.
        registry.add("switchboard.inference.keepalive-interval", () -> "2ms");
    }

    @BeforeEach
    void catalogInstalled() {
        await().atMost(Duration.ofSeconds(20)).until(() -> catalog.view().model(CatalogSnapshotStub.CHAT_MODEL).isPresent());
    }

    /** A signed-up organisation with an inference key and {@code grantedNanos} of credit. */
    protected record Account(UUID orgId, String key, long grantedNanos) {
    }

    protected Account fundedAccount(String who, long grantedNanos) {
        Browser browser = signUp(uniqueEmail(who));
        String key = (String) createKey(browser, Map.of("name", who)).get("key");
        UUID org = UUID.fromString(browser.orgId());
        redis.opsForValue().set(keys().balance(org), Long.toString(grantedNanos)).block();
        return new Account(org, key, grantedNanos);
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Every generation settled for the account, in order. */
    protected List<UsageEvent> charges(Account account) {
        return redis.opsForStream().range(keys().usageStream(), Range.unbounded())
                .map(record -> JSON.readValue(String.valueOf(record.getValue().get("event")), UsageEvent.class))
                .filter(event -> event.orgId().equals(account.orgId()))
                .collectList()
                .block();
    }

    /**
     * Waits for {@code generations} settlements, then checks the books: the spendable balance is
     * the grant minus the sum of the charges, and no credit is left held.
     */
    protected List<UsageEvent> assertBooksBalance(Account account, int generations) {
        await().atMost(Duration.ofSeconds(10)).until(() -> charges(account).size() >= generations);
        List<UsageEvent> charges = charges(account);
        assertThat(charges).hasSize(generations);
        long charged = charges.stream().mapToLong(UsageEvent::totalNanos).sum();
        assertThat(charged).isPositive();
        assertThat(balance(keys().balance(account.orgId()))).isEqualTo(account.grantedNanos() - charged);
        assertThat(balance(keys().held(account.orgId()))).isZero();
        return charges;
    }

    /**
     * What the platform charges for these tokens at {@code prices}: the exact list cost rounded up
     * once to the nano, plus the 5 % platform fee rounded up — derived here independently of
     * {@code Pricing}, so a pricing bug cannot hide behind itself.
     */
    protected static long expectedChargeNanos(Prices prices, long prompt, long completion, long cached) {
        BigDecimal list = new BigDecimal(prices.prompt()).multiply(BigDecimal.valueOf(prompt - cached))
                .add(new BigDecimal(prices.cacheRead()).multiply(BigDecimal.valueOf(cached)))
                .add(new BigDecimal(prices.completion()).multiply(BigDecimal.valueOf(completion)));
        long listNanos = list.movePointRight(9).setScale(0, RoundingMode.CEILING).longValueExact();
        long fee = BigDecimal.valueOf(listNanos).multiply(PLATFORM_FEE_PERCENT)
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING).longValueExact();
        return listNanos + fee;
    }

    private RedisKeys keys() {
        return prefix.keys();
    }

    private long balance(String key) {
        String value = redis.opsForValue().get(key).block();
        return value == null ? 0 : Long.parseLong(value);
    }
}
