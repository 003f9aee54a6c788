package dev.switchboard.api.byok;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The lookup routing asks: "which of its own keys does this organisation want used?" Decrypted
 * keyrings are kept in memory per organisation for {@link ByokProperties#credentialsCacheTtl()}, so a
 * chat request costs no database query in the common case; a change through this instance's API is
 * seen at once, other instances see it within the TTL.
 *
 * <p>A secret that no longer decrypts (its master key was removed, or the row was tampered with) is
 * left out and counted, never fatal: the request then runs on platform capacity, as if the key did
 * not exist — which is what the owner sees too, since they cannot read the secret either.
 */
@Component
public class ByokCredentials {

    private static final Logger log = LoggerFactory.getLogger(ByokCredentials.class);

    private final ByokKeys keys;
    private final SecretCipher cipher;
    private final AsyncCache<UUID, ByokKeyring> cache;
    /**
     * The keyring each organisation's last {@link #forOrg} returned, for the synchronous routing
     * hook: a request loads the keyring first (async) and routes with exactly that, even if the
     * timed cache entry expires in between.
     */
    private final Cache<UUID, ByokKeyring> loaded;
    private final Counter unreadable;

    ByokCredentials(ByokKeys keys, SecretCipher cipher, ByokProperties properties, MeterRegistry meters) {
        this.keys = keys;
        this.cipher = cipher;
        this.cache = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(properties.credentialsCacheTtl())
                .buildAsync();
        this.loaded = Caffeine.newBuilder().maximumSize(100_000).build();
        this.unreadable = meters.counter("switchboard.byok.unreadable");
    }

    /** The organisation's usable keys; empty when BYOK is off (no master key) or it has none. */
    public Mono<ByokKeyring> forOrg(UUID orgId) {
        if (!cipher.available()) {
            return Mono.just(ByokKeyring.EMPTY);
        }
        return Mono.fromFuture(cache.get(orgId, (org, executor) -> load(org).toFuture()), true)
                .doOnNext(keyring -> loaded.put(orgId, keyring));
    }

    /** What {@link #forOrg} last returned for the organisation, without waiting; empty if never loaded. */
    public ByokKeyring loaded(UUID orgId) {
        ByokKeyring keyring = loaded.getIfPresent(orgId);
        return keyring == null ? ByokKeyring.EMPTY : keyring;
    }

    void invalidate(UUID orgId) {
        cache.synchronous().invalidate(orgId);
        loaded.invalidate(orgId);
    }

    private Mono<ByokKeyring> load(UUID orgId) {
        return keys.usable(orgId)
                .collectList()
                .map(rows -> {
                    Map<String, ByokCredential> byProvider = new LinkedHashMap<>();
                    for (ByokKey row : rows) {
                        if (byProvider.containsKey(row.provider())) {
                            continue;
                        }
                        try {
                            String secret = cipher.open(row.orgId(), row.id(), row.secret());
                            byProvider.put(row.provider(), new ByokCredential(row.id(), row.provider(), row.priority(),
                                    row.baseUrl(), secret));
                        } catch (SecretCipher.SecretUnreadableException e) {
                            unreadable.increment();
                            log.warn("BYOK key {} of organisation {} is not used: {}", row.id(), orgId, e.getMessage());
                        }
                    }
                    return new ByokKeyring(byProvider);
                });
    }
}
