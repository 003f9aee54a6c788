package dev.switchboard.api.platform;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.switchboard.contracts.RedisKeys;

/** The platform's Redis key prefix ({@code switchboard.redis.prefix}) and the shared key names under it. */
@Component
public class RedisPrefix {

    private final RedisKeys keys;

    public RedisPrefix(@Value("${switchboard.redis.prefix:sb:}") String prefix) {
        this.keys = new RedisKeys(prefix);
    }

    public RedisKeys keys() {
        return keys;
    }

    public String value() {
        return keys.prefix();
    }
}
