package dev.switchboard.catalog.platform;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.switchboard.contracts.RedisKeys;

/** The shared Redis key names under this platform's prefix. */
@Configuration
class RedisKeysConfiguration {

    @Bean
    RedisKeys redisKeys(@Value("${switchboard.redis.prefix}") String prefix) {
        return new RedisKeys(prefix);
    }
}
