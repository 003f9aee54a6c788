package dev.switchboard.billing;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import dev.switchboard.contracts.RedisKeys;

@SpringBootApplication
@ConfigurationPropertiesScan
public class BillingApplication {

    public static void main(String[] args) {
        SpringApplication.run(BillingApplication.class, args);
    }

    /** Every Redis key this service touches comes from here, under the platform's prefix. */
    @Bean
    RedisKeys redisKeys(@Value("${switchboard.redis.prefix}") String prefix) {
        return new RedisKeys(prefix);
    }
}
