package dev.switchboard.api.identity.keys;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import reactor.core.publisher.Mono;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.stereotype.Component;

import dev.switchboard.api.identity.Caller;

/**
 * Turns a presented {@code sk-sb-v1-…} key into its {@link Caller}. This is on every API request's
 * path, so keys are looked up by hash in an in-memory Caffeine cache: a hit costs a SHA-256 and a map
 * read, never a database query. Concurrent misses for one hash share one query.
 *
 * <p>Freshness: this instance invalidates an entry as soon as it changes the key; other instances
 * see a disable or delete within {@link ApiKeyProperties#cacheTtl()}. Expiry is checked on every
 * request against the cached expiry time, so an expired key fails at once everywhere.
 */
@Component
public class ApiKeyAuthenticator {

    private final ApiKeys keys;
    private final Clock clock;
    private final AsyncCache<String, Optional<ApiKey>> cache;

    ApiKeyAuthenticator(ApiKeys keys, ApiKeyProperties properties) {
        this.keys = keys;
        this.clock = Clock.systemUTC();
        this.cache = Caffeine.newBuilder()
                .maximumSize(properties.cacheMaxSize())
                .expireAfter(Expiry.<String, Optional<ApiKey>>creating(
                        (hash, key) -> key.isPresent() ? properties.cacheTtl() : properties.missTtl()))
                .buildAsync();
    }

    /**
     * @return the caller, or an error: {@link BadCredentialsException} for an unknown or malformed key,
     *         {@link DisabledException} or {@link CredentialsExpiredException} for a known one that may
     *         not be used (all three mean 401)
     */
    public Mono<Caller> authenticate(String presented) {
        if (!GeneratedKey.wellFormed(presented)) {
            return Mono.error(new BadCredentialsException("Invalid API key"));
        }
        // suppressCancel: the future is shared with concurrent lookups of the same hash, so one
        // client going away must not cancel it for the others.
        return Mono.fromFuture(lookUp(GeneratedKey.hash(presented)), true)
                .flatMap(Mono::justOrEmpty)
                .switchIfEmpty(Mono.error(() -> new BadCredentialsException("Invalid API key")))
                .flatMap(this::usable)
                .map(ApiKey::caller);
    }

    /** The stored key for {@code hash}, from the cache when this instance knows it. */
    Mono<ApiKey> cached(String hash) {
        return Mono.fromFuture(lookUp(hash), true).flatMap(Mono::justOrEmpty);
    }

    /** Forgets what this instance knows of {@code hash}; called on every change to a key. */
    void invalidate(String hash) {
        cache.synchronous().invalidate(hash);
    }

    private CompletableFuture<Optional<ApiKey>> lookUp(String hash) {
        return cache.get(hash, (h, executor) -> keys.findByHash(h)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .toFuture());
    }

    private Mono<ApiKey> usable(ApiKey key) {
        if (key.disabled()) {
            return Mono.error(new DisabledException("API key is disabled"));
        }
        if (key.expiredAt(clock.instant())) {
            return Mono.error(new CredentialsExpiredException("API key has expired"));
        }
        return Mono.just(key);
    }
}
