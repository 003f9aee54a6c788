package dev.switchboard.api.identity.keys;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.switchboard.api.error.ApiException;
import dev.switchboard.api.identity.Caller;

/**
 * OpenRouter's keys API. The security chain lets only sessions and management keys reach
 * {@code /api/v1/keys/**}; everything here is scoped to the caller's organisation, so another
 * organisation's hash is answered exactly like one that does not exist (404).
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class ApiKeyController {

    static final int PAGE_SIZE = 100;
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private final ApiKeys keys;
    private final ApiKeyAuthenticator authenticator;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    ApiKeyController(ApiKeys keys, ApiKeyAuthenticator authenticator) {
        this.keys = keys;
        this.authenticator = authenticator;
    }

    @PostMapping(path = "/keys", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Created> create(@AuthenticationPrincipal Caller caller, @RequestBody CreateKeyRequest request) {
        GeneratedKey generated = GeneratedKey.generate(random);
        ApiKey key = new ApiKey(generated.hash(), caller.orgId(), caller.userId(),
                KeyFields.name(request.name()), generated.label(), Boolean.TRUE.equals(request.isManagementKey()), false,
                KeyFields.limitNanos(request.limit()), KeyFields.limitReset(request.limitReset()),
                Boolean.TRUE.equals(request.includeByokInLimit()),
                KeyFields.expiresAt(request.expiresAt(), clock.instant()), null, null);
        return keys.insert(key)
                .doOnNext(stored -> authenticator.invalidate(stored.hash()))
                .map(stored -> new Created(KeyView.of(stored), generated.secret()));
    }

    @GetMapping("/keys")
    Mono<Data<List<KeyView>>> list(@AuthenticationPrincipal Caller caller,
                                   @RequestParam(name = "include_disabled", defaultValue = "false") boolean includeDisabled,
                                   @RequestParam(name = "offset", defaultValue = "0") long offset) {
        if (offset < 0) {
            throw ApiException.badRequest("offset must not be negative");
        }
        return keys.list(caller.orgId(), includeDisabled, offset, PAGE_SIZE)
                .map(KeyView::of)
                .collectList()
                .map(Data::new);
    }

    @GetMapping("/keys/{hash}")
    Mono<Data<KeyView>> get(@AuthenticationPrincipal Caller caller, @PathVariable String hash) {
        return owned(caller, hash)
                .map(KeyView::of)
                .map(Data::new);
    }

    @PatchMapping(path = "/keys/{hash}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<Data<KeyView>> update(@AuthenticationPrincipal Caller caller, @PathVariable String hash,
                               @RequestBody JsonNode body) {
        KeyUpdate update = KeyUpdate.of(body);
        return owned(caller, hash)
                .map(update::applyTo)
                .flatMap(keys::update)
                .switchIfEmpty(Mono.error(() -> notFound()))
                .doOnNext(updated -> authenticator.invalidate(updated.hash()))
                .map(KeyView::of)
                .map(Data::new);
    }

    @DeleteMapping("/keys/{hash}")
    Mono<Deleted> delete(@AuthenticationPrincipal Caller caller, @PathVariable String hash) {
        if (!HASH.matcher(hash).matches()) {
            return Mono.error(notFound());
        }
        return keys.delete(caller.orgId(), hash)
                .filter(Boolean::booleanValue)
                .switchIfEmpty(Mono.error(() -> notFound()))
                .doOnNext(deleted -> authenticator.invalidate(hash))
                .thenReturn(new Deleted(true));
    }

    /** The key the request was made with; a browser session has none. */
    @GetMapping("/key")
    Mono<Data<CurrentKeyView>> current(@AuthenticationPrincipal Caller caller) {
        if (caller.keyHash() == null) {
            throw ApiException.badRequest("GET /api/v1/key describes the API key a request is made with; this request uses none");
        }
        return owned(caller, caller.keyHash())
                .map(CurrentKeyView::of)
                .map(Data::new);
    }

    private Mono<ApiKey> owned(Caller caller, String hash) {
        if (!HASH.matcher(hash).matches()) {
            return Mono.error(notFound());
        }
        return keys.find(caller.orgId(), hash)
                .switchIfEmpty(Mono.error(() -> notFound()));
    }

    private static ApiException notFound() {
        return ApiException.notFound("API key not found");
    }

    record Data<T>(T data) {
    }

    /** The creation response: the only time {@code key} is ever returned. */
    record Created(KeyView data, String key) {
    }

    record Deleted(boolean deleted) {
    }
}
