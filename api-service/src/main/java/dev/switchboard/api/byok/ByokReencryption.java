package dev.switchboard.api.byok;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Master key rotation, second half: after the operator adds a new key and makes it active (old
 * ciphertexts keep decrypting under their recorded key id), {@code POST /api/admin/byok/reencrypt}
 * re-encrypts every secret still under another key, after which the old key can be removed from
 * configuration. Each row is replaced only if it did not change meanwhile; running it twice is harmless.
 */
@RestController
class ByokReencryption {

    private static final Logger log = LoggerFactory.getLogger(ByokReencryption.class);

    private final ByokKeys keys;
    private final SecretCipher cipher;

    ByokReencryption(ByokKeys keys, SecretCipher cipher) {
        this.keys = keys;
        this.cipher = cipher;
    }

    @PostMapping(path = "/api/admin/byok/reencrypt", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> reencrypt() {
        String active = cipher.activeKeyId();
        return reencryptAll()
                .map(result -> Map.<String, Object>of("data", Map.of("active_key_id", active,
                        "reencrypted", result.reencrypted(), "unreadable", result.unreadable())));
    }

    /** Re-encrypts what is not under the active key; rows that no longer decrypt are counted and left alone. */
    Mono<Result> reencryptAll() {
        String active = cipher.activeKeyId();
        return keys.notUnder(active)
                .concatMap(key -> {
                    SealedSecret replacement;
                    try {
                        replacement = cipher.reseal(key.orgId(), key.id(), key.secret());
                    } catch (SecretCipher.SecretUnreadableException e) {
                        log.warn("BYOK key {} cannot be re-encrypted: {}", key.id(), e.getMessage());
                        return Mono.just(Outcome.UNREADABLE);
                    }
                    return keys.replaceSecret(key, replacement).map(done -> done ? Outcome.DONE : Outcome.SKIPPED);
                })
                .reduce(new Result(0, 0), (result, outcome) -> switch (outcome) {
                    case DONE -> new Result(result.reencrypted() + 1, result.unreadable());
                    case UNREADABLE -> new Result(result.reencrypted(), result.unreadable() + 1);
                    case SKIPPED -> result;
                });
    }

    private enum Outcome { DONE, UNREADABLE, SKIPPED }

    record Result(long reencrypted, long unreadable) {
    }
}
