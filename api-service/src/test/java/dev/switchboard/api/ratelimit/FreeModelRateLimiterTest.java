package dev.switchboard.api.ratelimit;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import dev.switchboard.api.MovableClock;
import dev.switchboard.api.error.ApiException;
import dev.switchboard.testing.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two limiters standing for two api-service instances, each with its own Lettuce client, on one
 * Redis and one key prefix, with a clock the test moves.
 */
class FreeModelRateLimiterTest {

    private static final FreeModelProperties DEFAULTS =
            new FreeModelProperties(20, 50, 1000, BigDecimal.TEN, Duration.ofSeconds(60));
    private static final long TEN_USD = 10_000_000_000L;

    private static LettuceConnectionFactory first;
    private static LettuceConnectionFactory second;
    private static String prefix;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T10:15:30.250Z"));
    private final Map<UUID, Long> purchases = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeAll
    static void connect() {
        first = factory();
        second = factory();
        prefix = TestInfrastructure.redisPrefix() + "free-test:" + UUID.randomUUID() + ":";
    }

    @AfterAll
    static void disconnect() {
        first.destroy();
        second.destroy();
    }

    private static LettuceConnectionFactory factory() {
        URI url = URI.create(TestInfrastructure.redisUrl());
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(url.getHost(), url.getPort()));
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    private FreeModelRateLimiter instance(LettuceConnectionFactory factory) {
        return new FreeModelRateLimiter(new ReactiveStringRedisTemplate(factory), prefix, DEFAULTS,
                org -> Mono.just(purchases.getOrDefault(org, 0L)), clock);
    }

    @Test
    void twoInstancesShareTheMinuteAllowanceAndTheRefusalCarriesTheHeaders() {
        FreeModelRateLimiter a = instance(first);
        FreeModelRateLimiter b = instance(second);
        UUID org = UUID.randomUUID();
        for (int i = 0; i < 20; i++) {
            FreeModelRateLimiter.Allowance allowance = (i % 2 == 0 ? a : b).admit(org).block();
            assertThat(allowance.minuteRemaining()).isEqualTo(19 - i);
        }
        assertThatThrownBy(() -> b.admit(org).block())
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
                    assertThat(e.headers().getFirst("X-RateLimit-Limit")).isEqualTo("20");
                    assertThat(e.headers().getFirst("X-RateLimit-Remaining")).isEqualTo("0");
                    assertThat(e.headers().getFirst("X-RateLimit-Reset"))
                            .isEqualTo(Long.toString(Instant.parse("2026-11-23T10:16:00Z").toEpochMilli()));
                    assertThat(e.headers().getFirst("Retry-After")).isEqualTo("30");
                });
        clock.set(Instant.parse("2026-11-23T10:16:00Z"));
        assertThat(a.admit(org).block().minuteRemaining()).isEqualTo(19);
    }

    @Test
    void concurrentRequestsFromBothInstancesAdmitExactlyTheAllowance() {
        FreeModelRateLimiter a = instance(first);
        FreeModelRateLimiter b = instance(second);
        UUID org = UUID.randomUUID();
        List<Boolean> admitted = Flux.range(0, 60)
                .flatMap(i -> (i % 2 == 0 ? a : b).admit(org).map(ok -> true)
                        .onErrorResume(ApiException.class, refused -> Mono.just(false))
                        .subscribeOn(Schedulers.parallel()), 60)
                .collectList()
                .block();
        assertThat(admitted.stream().filter(Boolean::booleanValue)).hasSize(20);
    }

    @Test
    void theDailyAllowanceIsFiftyAndAThousandOnceTenDollarsWereBought() {
        FreeModelRateLimiter a = instance(first);
        UUID poor = UUID.randomUUID();
        UUID buyer = UUID.randomUUID();
        purchases.put(buyer, TEN_USD);
        clock.set(Instant.parse("2026-11-23T23:50:00Z"));
        for (int i = 0; i < 50; i++) {
            if (i % 20 == 0) {
                clock.advance(Duration.ofMinutes(1));
            }
            a.admit(poor).block();
            a.admit(buyer).block();
        }
        clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> a.admit(poor).block())
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getMessage()).contains("per-day");
                    assertThat(e.headers().getFirst("X-RateLimit-Limit")).isEqualTo("50");
                    assertThat(e.headers().getFirst("X-RateLimit-Reset"))
                            .isEqualTo(Long.toString(Instant.parse("2026-11-24T00:00:00Z").toEpochMilli()));
                });
        assertThat(a.admit(buyer).block().dayLimit()).isEqualTo(1000);
        assertThat(a.admit(buyer).block().dayRemaining()).isEqualTo(1000 - 52);
        // a new UTC day starts a new allowance
        clock.set(Instant.parse("2026-11-24T00:00:00Z"));
        assertThat(a.admit(poor).block().dayRemaining()).isEqualTo(49);
    }

    @Test
    void theHeadersOfAnAdmittedRequestDescribeTheWindowThatRunsOutFirst() {
        FreeModelRateLimiter a = instance(first);
        UUID org = UUID.randomUUID();
        clock.set(Instant.parse("2026-11-23T12:00:10Z"));
        assertThat(headers(a.admit(org).block())).containsExactly(
                Map.entry("X-RateLimit-Limit", "20"), Map.entry("X-RateLimit-Remaining", "19"),
                Map.entry("X-RateLimit-Reset", Long.toString(Instant.parse("2026-11-23T12:01:00Z").toEpochMilli())));
        for (int i = 1; i < 31; i++) {
            if (i % 20 == 0) {
                clock.advance(Duration.ofMinutes(1));
            }
            a.admit(org).block();
        }
        // the 32nd today, the 12th this minute: 18 left today against 8 this minute, the minute still binds
        assertThat(headers(a.admit(org).block())).containsEntry("X-RateLimit-Remaining", "8");
        clock.advance(Duration.ofMinutes(1));
        // the 33rd today, the 1st this minute: 17 left today against 19 this minute, now the day binds
        assertThat(headers(a.admit(org).block())).containsExactly(
                Map.entry("X-RateLimit-Limit", "50"), Map.entry("X-RateLimit-Remaining", "17"),
                Map.entry("X-RateLimit-Reset", Long.toString(Instant.parse("2026-11-24T00:00:00Z").toEpochMilli())));
    }

    @Test
    void whenBothWindowsAreExhaustedTheRefusalNamesTheDay() {
        FreeModelProperties tight = new FreeModelProperties(3, 3, 3, BigDecimal.TEN, Duration.ofSeconds(60));
        FreeModelRateLimiter a = new FreeModelRateLimiter(new ReactiveStringRedisTemplate(first), prefix, tight,
                org -> Mono.just(0L), clock);
        UUID org = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            a.admit(org).block();
        }
        assertThatThrownBy(() -> a.admit(org).block())
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getMessage()).contains("per-day");
                    assertThat(e.headers().getFirst("X-RateLimit-Reset"))
                            .isEqualTo(Long.toString(Instant.parse("2026-11-24T00:00:00Z").toEpochMilli()));
                });
    }

    private static Map<String, String> headers(FreeModelRateLimiter.Allowance allowance) {
        HttpHeaders headers = new HttpHeaders();
        allowance.describeIn(headers);
        return headers.toSingleValueMap();
    }
}
