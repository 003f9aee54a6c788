package dev.switchboard.api.credit;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.web.reactive.function.client.WebClient;

import dev.switchboard.api.billing.BillingClient;
import dev.switchboard.api.platform.PlatformProperties;
import dev.switchboard.api.platform.RedisPrefix;
import dev.switchboard.testing.TestInfrastructure;

/**
 * What the credit tests build without a Spring context: one shared Lettuce connection to this JVM's
 * test Redis, as the service has, and credit holds over it whose billing-service is unreachable.
 */
final class CreditTestWiring {

    private CreditTestWiring() {
    }

    /** A started connection factory; {@code commandTimeout} bounds how long a stalled command waits. */
    static LettuceConnectionFactory connect(Duration commandTimeout) {
        URI url = URI.create(TestInfrastructure.redisUrl());
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration(url.getHost(), url.getPort()),
                LettuceClientConfiguration.builder().commandTimeout(commandTimeout).build());
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    /** Credit holds with the default fees and holds that expire {@code holdTtl} after they are taken. */
    static CreditHolds creditHolds(ReactiveStringRedisTemplate redis, RedisPrefix prefix, Duration holdTtl) {
        PlatformProperties platform = new PlatformProperties("t", "a", URI.create("http://127.0.0.1:9"),
                URI.create("http://127.0.0.1:9"), Duration.ofSeconds(1));
        return new CreditHolds(redis, prefix, new BillingClient(WebClient.builder(), platform),
                JsonMapper.builder().findAndAddModules().build(),
                new FeeProperties(BigDecimal.valueOf(5), BigDecimal.valueOf(5), holdTtl));
    }
}
