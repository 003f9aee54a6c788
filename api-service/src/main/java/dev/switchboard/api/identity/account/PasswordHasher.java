package dev.switchboard.api.identity.account;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Spring Security's delegating encoder (bcrypt today, upgradable through the {@code {id}} prefix),
 * run on {@code boundedElastic}: one hash costs tens of milliseconds of CPU, which must not stall an
 * event-loop thread that is streaming other people's completions.
 */
@Component
class PasswordHasher {

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    /**
     * A real hash of a password nobody knows, checked when a login names an unknown address so that
     * the answer takes as long as for a known one and does not tell which addresses have accounts.
     */
    private final String decoy = encoder.encode("decoy-" + System.nanoTime());

    Mono<String> hash(String password) {
        return Mono.fromCallable(() -> encoder.encode(password))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** @param hash the stored hash, or {@code null} to spend the same time and answer false */
    Mono<Boolean> matches(String password, String hash) {
        return Mono.fromCallable(() -> encoder.matches(password, hash == null ? decoy : hash) && hash != null)
                .subscribeOn(Schedulers.boundedElastic());
    }
}
