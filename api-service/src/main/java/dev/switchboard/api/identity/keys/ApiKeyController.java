package dev.switchboard.api.identity.keys;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import dev.switchboard.api.identity.org.OrgAction;
import dev.switchboard.api.identity.org.OrgPermissions;

/**
 * OpenRouter's keys API. The security chain lets only sessions and management keys reach
 * {@code /api/v1/keys/**}; everything here is scoped to the caller's organisation, so another
 * organisation's hash is answered exactly like one that does not exist (404). Within the
 * organisation, roles decide ({@link OrgPermissions}): owners, admins and management keys manage
 * every key; members create inference keys and see, change and delete only the keys they created
 * (anyone else's reads as absent).
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class ApiKeyController {

    static final int PAGE_SIZE = 100;
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private final ApiKeys keys;
    private final ApiKeyAuthenticator authenticator;
    private final OrgPermissions permissions;
    private final KeyUsageReader usage;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    ApiKeyController(ApiKeys keys, ApiKeyAuthenticator authenticator, OrgPermissions permissions, KeyUsageReader usage) {
        this.keys = keys;
        this.authenticator = authenticator;
        this.permissions = permissions;
        this.usage = usage;
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
        return permissions.require(caller, key.management() ? OrgAction.MANAGE_ALL_KEYS : OrgAction.MANAGE_OWN_KEYS)
                .then(keys.insert(key))
                .doOnNext(stored -> authenticator.invalidate(stored.hash()))
                .map(stored -> new Created(KeyView.of(stored, KeyUsage.NONE), generated.secret()));
    }

    @GetMapping("/keys")
    Mono<Data<List<KeyView>>> list(@AuthenticationPrincipal Caller caller,
                                   @RequestParam(name = "include_disabled", defaultValue = "false") boolean includeDisabled,
                                   @RequestParam(name = "offset", defaultValue = "0") long offset) {
        if (offset < 0) {
            throw ApiException.badRequest("offset must not be negative");
        }
        return permissions.roleOf(caller)
                .flatMapMany(role -> keys.list(caller.orgId(),
                        OrgAction.MANAGE_ALL_KEYS.allows(role) ? null : caller.userId(), includeDisabled, offset, PAGE_SIZE))
                .collectList()
                .flatMap(page -> usage.usage(caller.orgId(), byHash(page))
                        .map(usages -> page.stream()
                                .map(key -> KeyView.of(key, usages.getOrDefault(key.hash(), KeyUsage.NONE)))
                                .toList()))
                .map(Data::new);
    }

    @GetMapping("/keys/{hash}")
    Mono<Data<KeyView>> get(@AuthenticationPrincipal Caller caller, @PathVariable String hash) {
        return visible(caller, hash)
                .flatMap(this::withUsage)
                .map(Data::new);
    }

    @PatchMapping(path = "/keys/{hash}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<Data<KeyView>> update(@AuthenticationPrincipal Caller caller, @PathVariable String hash,
                               @RequestBody JsonNode body) {
        KeyUpdate update = KeyUpdate.of(body);
        return visible(caller, hash)
                .map(update::applyTo)
                .flatMap(keys::update)
                .switchIfEmpty(Mono.error(() -> notFound()))
                .doOnNext(updated -> authenticator.invalidate(updated.hash()))
                .flatMap(this::withUsage)
                .map(Data::new);
    }

    @DeleteMapping("/keys/{hash}")
    Mono<Deleted> delete(@AuthenticationPrincipal Caller caller, @PathVariable String hash) {
        if (!HASH.matcher(hash).matches()) {
            return Mono.error(notFound());
        }
        return visible(caller, hash)
                .flatMap(key -> keys.delete(caller.orgId(), hash))
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
                .flatMap(key -> usage.usage(key).map(spent -> CurrentKeyView.of(key, spent)))
                .map(Data::new);
    }

    private Mono<KeyView> withUsage(ApiKey key) {
        return usage.usage(key).map(spent -> KeyView.of(key, spent));
    }

    private static Map<String, ApiKey> byHash(List<ApiKey> page) {
        Map<String, ApiKey> byHash = new LinkedHashMap<>();
        page.forEach(key -> byHash.put(key.hash(), key));
        return byHash;
    }

    private Mono<ApiKey> owned(Caller caller, String hash) {
        if (!HASH.matcher(hash).matches()) {
            return Mono.error(notFound());
        }
        return keys.find(caller.orgId(), hash)
                .switchIfEmpty(Mono.error(() -> notFound()));
    }

    /** A key of the caller's organisation that the caller's role lets it manage; 404 otherwise. */
    private Mono<ApiKey> visible(Caller caller, String hash) {
        return owned(caller, hash)
                .filterWhen(key -> key.creatorUserId().equals(caller.userId())
                        ? Mono.just(true)
                        : permissions.roleOf(caller).map(OrgAction.MANAGE_ALL_KEYS::allows))
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
