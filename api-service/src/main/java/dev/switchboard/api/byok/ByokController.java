package dev.switchboard.api.byok;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
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
 * OpenRouter's BYOK API, for a session or a management key of the organisation. Every member may
 * list and read (only masks are shown); creating, changing and deleting need {@code MANAGE_BYOK}
 * (owners and admins). Everything is scoped to the caller's organisation: another organisation's id
 * answers 404, like a missing one, before any role check.
 * Without a master key every route answers 503, before reading the body.
 */
@RestController
@RequestMapping(path = "/api/v1/byok", produces = MediaType.APPLICATION_JSON_VALUE)
class ByokController {

    static final int MAX_PAGE = 100;

    private final ByokKeys keys;
    private final SecretCipher cipher;
    private final BaseUrlGuard guard;
    private final ByokCredentials credentials;
    private final OrgPermissions permissions;

    ByokController(ByokKeys keys, SecretCipher cipher, BaseUrlGuard guard, ByokCredentials credentials,
                   OrgPermissions permissions) {
        this.keys = keys;
        this.cipher = cipher;
        this.guard = guard;
        this.credentials = credentials;
        this.permissions = permissions;
    }

    @GetMapping
    Mono<Page> list(@AuthenticationPrincipal Caller caller,
                    @RequestParam(defaultValue = "0") long offset,
                    @RequestParam(defaultValue = "50") int limit,
                    @RequestParam(required = false) String provider) {
        cipher.requireAvailable();
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw ApiException.badRequest("offset must be ≥ 0 and limit from 1 to " + MAX_PAGE);
        }
        return keys.list(caller.orgId(), provider, offset, limit)
                .map(ByokView::of)
                .collectList()
                .zipWith(keys.count(caller.orgId(), provider), Page::new);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Data> create(@AuthenticationPrincipal Caller caller, @RequestBody JsonNode body) {
        cipher.requireAvailable();
        ByokRequest request = ByokRequest.of(body);
        String secret = request.secret();
        UUID id = UUID.randomUUID();
        return permissions.require(caller, OrgAction.MANAGE_BYOK)
                .then(checkedBaseUrl(request.baseUrl(null)))
                .map(baseUrl -> new ByokKey(id, caller.orgId(), request.provider(), request.name(null),
                        ByokKey.mask(secret), request.priority(ByokPriority.PRIORITIZED), request.disabled(false),
                        baseUrl.orElse(null), cipher.seal(caller.orgId(), id, secret), null, null))
                .flatMap(keys::insert)
                .doOnNext(stored -> credentials.invalidate(stored.orgId()))
                .map(stored -> new Data(ByokView.of(stored)));
    }

    @GetMapping("/{id}")
    Mono<Data> get(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        cipher.requireAvailable();
        return owned(caller, id).map(key -> new Data(ByokView.of(key)));
    }

    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<Data> update(@AuthenticationPrincipal Caller caller, @PathVariable String id, @RequestBody JsonNode body) {
        cipher.requireAvailable();
        ByokRequest request = ByokRequest.of(body);
        String secret = request.has("key") ? request.secret() : null;
        return owned(caller, id)
                .flatMap(key -> permissions.require(caller, OrgAction.MANAGE_BYOK).thenReturn(key))
                .flatMap(key -> checkedBaseUrl(request.baseUrl(key.baseUrl()))
                        .map(baseUrl -> key.with(request.name(key.name()), request.priority(key.priority()),
                                request.disabled(key.disabled()), baseUrl.orElse(null),
                                secret == null ? key.label() : ByokKey.mask(secret),
                                secret == null ? key.secret() : cipher.seal(key.orgId(), key.id(), secret))))
                .flatMap(keys::update)
                .switchIfEmpty(Mono.error(ByokController::notFound))
                .doOnNext(updated -> credentials.invalidate(updated.orgId()))
                .map(updated -> new Data(ByokView.of(updated)));
    }

    @DeleteMapping("/{id}")
    Mono<Deleted> delete(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        cipher.requireAvailable();
        return owned(caller, id)
                .flatMap(key -> permissions.require(caller, OrgAction.MANAGE_BYOK))
                .then(keys.delete(caller.orgId(), uuid(id)))
                .filter(Boolean::booleanValue)
                .switchIfEmpty(Mono.error(ByokController::notFound))
                .doOnNext(deleted -> credentials.invalidate(caller.orgId()))
                .thenReturn(new Deleted(true));
    }

    private Mono<ByokKey> owned(Caller caller, String id) {
        return keys.find(caller.orgId(), uuid(id))
                .switchIfEmpty(Mono.error(ByokController::notFound));
    }

    private Mono<Optional<String>> checkedBaseUrl(String baseUrl) {
        return baseUrl == null ? Mono.just(Optional.empty()) : guard.check(baseUrl).map(Optional::of);
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException notUuid) {
            throw notFound();
        }
    }

    private static ApiException notFound() {
        return ApiException.notFound("BYOK key not found");
    }

    record Data(ByokView data) {
    }

    record Page(List<ByokView> data, @JsonProperty("total_count") long totalCount) {
    }

    record Deleted(boolean deleted) {
    }
}
