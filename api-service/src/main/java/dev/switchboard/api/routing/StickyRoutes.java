package dev.switchboard.api.routing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

import dev.switchboard.api.platform.RedisPrefix;

/**
 * Sticky routing for prompt caching: the endpoint that last served an organisation's session (its
 * stickiness key) for a model, kept in Redis so every api-service instance sends the session to
 * the same upstream cache. The entry lives {@code sticky-ttl} after its last use (each serve
 * renews it). A request without a stickiness key costs nothing here.
 *
 * <p>Fails open: stickiness only saves money on cache hits, so a Redis error routes as if there
 * were no sticky endpoint (logged at debug, since a Redis outage is reported by the holds anyway).
 */
@Component
public class StickyRoutes {

    private static final Logger log = LoggerFactory.getLogger(StickyRoutes.class);

    private final ReactiveStringRedisTemplate redis;
    private final String prefix;
    private final RoutingProperties properties;

    public StickyRoutes(ReactiveStringRedisTemplate redis, RedisPrefix prefix, RoutingProperties properties) {
        this.redis = redis;
        this.prefix = prefix.value() + "sticky:";
        this.properties = properties;
    }

    /** The sticky endpoint id, or empty when there is none (or no key, or Redis failed). */
    public Mono<String> lookup(UUID orgId, String modelId, String stickinessKey) {
        if (stickinessKey == null) {
            return Mono.empty();
        }
        return redis.opsForValue().get(key(orgId, modelId, stickinessKey))
                .onErrorResume(error -> {
                    log.debug("Sticky route lookup failed, routing without it: {}", error.toString());
                    return Mono.empty();
                });
    }

    /** Remembers (and renews) the endpoint that served; fire and forget. */
    public void remember(UUID orgId, String modelId, String stickinessKey, String endpointId) {
        if (stickinessKey == null) {
            return;
        }
        redis.opsForValue().set(key(orgId, modelId, stickinessKey), endpointId, properties.stickyTtl())
                .subscribe(ok -> { }, error -> log.debug("Sticky route not stored: {}", error.toString()));
    }

    /** Hashed, so a client's session id never appears in a Redis key listing. */
    String key(UUID orgId, String modelId, String stickinessKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((modelId + "\n" + stickinessKey).getBytes(StandardCharsets.UTF_8));
            return prefix + orgId + ":" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the JDK", e);
        }
    }
}
