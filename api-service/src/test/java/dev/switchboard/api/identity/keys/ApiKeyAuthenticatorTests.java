package dev.switchboard.api.identity.keys;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.security.authentication.BadCredentialsException;

import dev.switchboard.api.identity.Caller;

import static org.assertj.core.api.Assertions.assertThat;

/** The key cache on its own, over a table that counts how often it is read. */
class ApiKeyAuthenticatorTests {

    private final CountingKeys table = new CountingKeys();
    private final ApiKeyAuthenticator authenticator =
            new ApiKeyAuthenticator(table, new ApiKeyProperties(Duration.ofSeconds(60), Duration.ofSeconds(5), 1000));

    @Test
    void aCachedKeyIsAuthenticatedWithoutReadingTheTableAgain() {
        GeneratedKey key = table.add(false);

        for (int i = 0; i < 3; i++) {
            StepVerifier.create(authenticator.authenticate(key.secret()))
                    .assertNext(caller -> {
                        assertThat(caller.kind()).isEqualTo(Caller.Kind.API_KEY);
                        assertThat(caller.keyHash()).isEqualTo(key.hash());
                    })
                    .verifyComplete();
        }
        assertThat(table.reads.get()).isEqualTo(1);
    }

    @Test
    void aMalformedKeyIsRefusedWithoutAnyLookup() {
        StepVerifier.create(authenticator.authenticate("sk-sb-v1-XYZ"))
                .expectError(BadCredentialsException.class)
                .verify();
        assertThat(table.reads.get()).isZero();
    }

    @Test
    void invalidatingAKeyMakesTheNextRequestSeeItsNewState() {
        GeneratedKey key = table.add(false);
        StepVerifier.create(authenticator.authenticate(key.secret())).expectNextCount(1).verifyComplete();

        table.rows.remove(key.hash());
        authenticator.invalidate(key.hash());

        StepVerifier.create(authenticator.authenticate(key.secret()))
                .expectErrorMessage("Invalid API key")
                .verify();
        assertThat(table.reads.get()).isEqualTo(2);
    }

    @Test
    void aManagementKeyBecomesAManagementCaller() {
        GeneratedKey key = table.add(true);
        StepVerifier.create(authenticator.authenticate(key.secret()))
                .assertNext(caller -> assertThat(caller.mayCallInference()).isFalse())
                .verifyComplete();
    }

    /** {@link ApiKeys} over a map, counting lookups by hash. */
    private static final class CountingKeys extends ApiKeys {

        final Map<String, ApiKey> rows = new ConcurrentHashMap<>();
        final AtomicInteger reads = new AtomicInteger();
        private final SecureRandom random = new SecureRandom();

        CountingKeys() {
            super(null);
        }

        GeneratedKey add(boolean management) {
            GeneratedKey key = GeneratedKey.generate(random);
            rows.put(key.hash(), new ApiKey(key.hash(), UUID.randomUUID(), UUID.randomUUID(), "k", key.label(), management,
                    false, null, null, false, null, Instant.now(), null));
            return key;
        }

        @Override
        Mono<ApiKey> findByHash(String hash) {
            return Mono.fromSupplier(() -> {
                reads.incrementAndGet();
                return rows.get(hash);
            });
        }
    }
}
