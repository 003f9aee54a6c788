package dev.switchboard.api.identity.account;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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

/**
 * Counts failed logins in Redis, shared by every api-service instance, under
 * {@code <prefix>login:fail:acct:<sha256 of the email>} and {@code <prefix>login:fail:addr:<address>}
 * (emails are hashed so that Redis holds no address book).
 *
 * <p>Fail-open, written down: when Redis cannot be read the login goes ahead unthrottled (logged
 * and counted in {@code switchboard.login.throttle.failopen}). Refusing every login while Redis is
 * down would lock everyone out, and the password hash cost still bounds guessing.
 */
@Component
class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    /** Increments and, on the first failure of a window, starts the window: one atomic step. */
    private static final RedisScript<Long> COUNT_FAILURE = RedisScript.of("""
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return n""", Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final String prefix;
    private final LoginThrottleProperties limits;
    private final Counter failOpen;

    LoginThrottle(ReactiveStringRedisTemplate redis, @Value("${switchboard.redis.prefix}") String prefix,
                  LoginThrottleProperties limits, MeterRegistry meters) {
        this.redis = redis;
        this.prefix = prefix;
        this.limits = limits;
        this.failOpen = Counter.builder("switchboard.login.throttle.failopen")
                .description("Logins let through unthrottled because Redis could not be read")
                .register(meters);
    }

    /** Completes empty when a login may be tried, or with a 429 carrying {@code Retry-After}. */
    Mono<Void> check(String email, ServerWebExchange exchange) {
        String account = accountKey(email);
        String address = addressKey(exchange);
        return redis.opsForValue().multiGet(List.of(account, address))
                .flatMap(counts -> {
                    if (count(counts.get(0)) >= limits.maxFailuresPerAccount()) {
                        return refuse(account);
                    }
                    if (count(counts.get(1)) >= limits.maxFailuresPerAddress()) {
                        return refuse(address);
                    }
                    return Mono.<Void>empty();
                })
                .onErrorResume(e -> !(e instanceof ApiException), e -> {
                    failOpen.increment();
                    log.warn("Login throttle unavailable, letting the attempt through: {}", e.toString());
                    return Mono.empty();
                });
    }

    Mono<Void> recordFailure(String email, ServerWebExchange exchange) {
        String window = Long.toString(limits.window().toMillis());
        return redis.execute(COUNT_FAILURE, List.of(accountKey(email)), List.of(window))
                .then(redis.execute(COUNT_FAILURE, List.of(addressKey(exchange)), List.of(window)).then())
                .onErrorResume(e -> {
                    log.warn("Could not count a failed login: {}", e.toString());
                    return Mono.empty();
                });
    }

    /** A successful login clears the account's count (not the address's: one success does not excuse spraying). */
    Mono<Void> recordSuccess(String email) {
        return redis.delete(accountKey(email))
                .then()
                .onErrorResume(e -> Mono.empty());
    }

    private Mono<Void> refuse(String key) {
        return redis.getExpire(key)
                .defaultIfEmpty(limits.window())
                .flatMap(left -> {
                    long seconds = Math.max(1, left.isNegative() ? limits.window().toSeconds() : left.toSeconds());
                    HttpHeaders headers = new HttpHeaders();
                    headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                    return Mono.error(new ApiException(HttpStatus.TOO_MANY_REQUESTS,
                            "Too many failed logins; try again in " + seconds + " seconds", Map.of(), headers));
                });
    }

    private static long count(String value) {
        return value == null ? 0 : Long.parseLong(value);
    }

    private String accountKey(String email) {
        return prefix + "login:fail:acct:" + sha256(email);
    }

    private String addressKey(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        String address = remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
        return prefix + "login:fail:addr:" + address;
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
