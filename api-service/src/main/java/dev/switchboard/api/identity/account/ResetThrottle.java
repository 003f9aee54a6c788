package dev.switchboard.api.identity.account;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import dev.switchboard.api.error.ApiException;
import dev.switchboard.api.identity.OneTimeToken;

/**
 * Limits password-reset requests in Redis, shared by every instance: per client address
 * ({@code <prefix>reset:addr:<address>}, 429 past the limit) and per account
 * ({@code <prefix>reset:acct:<sha256 of the email>}, past the limit no more mail is sent but the
 * answer stays 202). Like the login throttle it fails open when Redis cannot be reached: a reset
 * link only reaches the account's own mailbox.
 */
@Component
class ResetThrottle {

    private static final Logger log = LoggerFactory.getLogger(ResetThrottle.class);

    private static final RedisScript<Long> COUNT = RedisScript.of("""
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return n""", Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final String prefix;
    private final PasswordResetProperties limits;

    ResetThrottle(ReactiveStringRedisTemplate redis, @Value("${switchboard.redis.prefix}") String prefix,
                  PasswordResetProperties limits) {
        this.redis = redis;
        this.prefix = prefix;
        this.limits = limits;
    }

    /** Counts the request against its address; a 429 with {@code Retry-After} past the limit. */
    Mono<Void> countRequest(ServerWebExchange exchange) {
        String key = prefix + "reset:addr:" + address(exchange);
        return count(key)
                .filter(n -> n > limits.maxRequestsPerAddress())
                .flatMap(n -> redis.getExpire(key).defaultIfEmpty(limits.window()))
                .flatMap(left -> {
                    long seconds = Math.max(1, left.isNegative() ? limits.window().toSeconds() : left.toSeconds());
                    HttpHeaders headers = new HttpHeaders();
                    headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                    return Mono.<Void>error(new ApiException(HttpStatus.TOO_MANY_REQUESTS,
                            "Too many password reset requests; try again in " + seconds + " seconds", Map.of(), headers));
                })
                .onErrorResume(e -> !(e instanceof ApiException), e -> {
                    log.warn("Password reset throttle unavailable, letting the request through: {}", e.toString());
                    return Mono.empty();
                });
    }

    /** Whether this account may receive one more reset mail in the current window (and counts it). */
    Mono<Boolean> mayMail(String email) {
        return count(prefix + "reset:acct:" + OneTimeToken.hashOf(email))
                .map(n -> n <= limits.maxMailsPerAccount())
                .onErrorResume(e -> {
                    log.warn("Password reset mail throttle unavailable, sending: {}", e.toString());
                    return Mono.just(true);
                });
    }

    private Mono<Long> count(String key) {
        return redis.execute(COUNT, List.of(key), List.of(Long.toString(limits.window().toMillis()))).next();
    }

    private static String address(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}
