package dev.switchboard.api.identity.org;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import dev.switchboard.api.billing.BillingClient;
import dev.switchboard.api.error.ApiException;
import dev.switchboard.api.identity.Caller;
import dev.switchboard.api.security.SessionSignIn;

/**
 * Organisations and their members: {@code /api/v1/orgs} (the signed-in user's organisations),
 * {@code POST /auth/org} (switch the session's current organisation), OpenRouter's
 * {@code GET /api/v1/organization/members}, and role changes and removals. An organisation the
 * caller does not belong to answers 404, exactly like one that does not exist.
 */
@RestController
class OrgController {

    private static final Logger log = LoggerFactory.getLogger(OrgController.class);
    static final int NAME_MAX = 100;
    static final int MEMBERS_PAGE_MAX = 100;

    private final Organizations organizations;
    private final OrgPermissions permissions;
    private final SessionSignIn sessions;
    private final BillingClient billing;

    OrgController(Organizations organizations, OrgPermissions permissions, SessionSignIn sessions, BillingClient billing) {
        this.organizations = organizations;
        this.permissions = permissions;
        this.sessions = sessions;
        this.billing = billing;
    }

    record Data<T>(T data) {
    }

    record CreateOrg(String name) {
    }

    record SwitchOrg(@JsonProperty("org_id") UUID orgId) {
    }

    record RoleChange(String role) {
    }

    record Members(List<MemberView> data, @JsonProperty("total_count") long totalCount) {
    }

    record Deleted(boolean deleted) {
    }

    @GetMapping(path = "/api/v1/orgs", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Data<List<OrgView>>> list(@AuthenticationPrincipal Caller caller) {
        return organizations.of(caller.userId())
                .map(org -> OrgView.of(org, caller.orgId()))
                .collectList()
                .map(Data::new);
    }

    /** The creator becomes its owner; the session stays in its current organisation until it switches. */
    @PostMapping(path = "/api/v1/orgs", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Data<OrgView>> create(@AuthenticationPrincipal Caller caller, @RequestBody CreateOrg request) {
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > NAME_MAX) {
            throw ApiException.badRequest("name must be 1 to " + NAME_MAX + " characters");
        }
        return organizations.create(name, caller.userId())
                .delayUntil(org -> openCreditAccount(org.id()))
                .map(org -> new Data<>(OrgView.of(org, caller.orgId())));
    }

    @PostMapping(path = "/auth/org", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Data<OrgView>> switchTo(@AuthenticationPrincipal Caller caller, @RequestBody SwitchOrg request, ServerWebExchange exchange) {
        if (request.orgId() == null) {
            throw ApiException.badRequest("org_id is required");
        }
        return organizations.of(caller.userId())
                .filter(org -> org.id().equals(request.orgId()))
                .next()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Organization not found")))
                .delayUntil(org -> sessions.switchOrganisation(exchange, org.id()))
                .map(org -> new Data<>(OrgView.of(org, org.id())));
    }

    /** OpenRouter's listing, for the caller's current organisation (a session's, or a management key's). */
    @GetMapping(path = "/api/v1/organization/members", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Members> members(@AuthenticationPrincipal Caller caller,
                          @RequestParam(name = "offset", defaultValue = "0") long offset,
                          @RequestParam(name = "limit", defaultValue = "50") int limit) {
        if (offset < 0) {
            throw ApiException.badRequest("offset must not be negative");
        }
        if (limit < 1 || limit > MEMBERS_PAGE_MAX) {
            throw ApiException.badRequest("limit must be 1 to " + MEMBERS_PAGE_MAX);
        }
        return permissions.require(caller, OrgAction.USE)
                .then(Mono.zip(
                        organizations.members(caller.orgId(), offset, limit).map(MemberView::of).collectList(),
                        organizations.memberCount(caller.orgId())))
                .map(page -> new Members(page.getT1(), page.getT2()));
    }

    @PatchMapping(path = "/api/v1/orgs/{orgId}/members/{userId}", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Data<MemberView>> changeRole(@AuthenticationPrincipal Caller caller, @PathVariable UUID orgId,
                                      @PathVariable UUID userId, @RequestBody RoleChange request) {
        Role next = Role.parse(request.role());
        return permissions.requireIn(caller.userId(), orgId, OrgAction.USE)
                .then(organizations.underOrganisationLock(orgId, caller.userId(), userId, locked -> {
                    MembershipRules.checkRoleChange(locked.actor(), locked.role(), next, locked.owners());
                    return organizations.setRole(orgId, userId, next);
                }))
                .then(Mono.defer(() -> member(orgId, userId)))
                .map(Data::new);
    }

    /** Removes a member; a member removing themselves is leaving. */
    @DeleteMapping(path = "/api/v1/orgs/{orgId}/members/{userId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Deleted> remove(@AuthenticationPrincipal Caller caller, @PathVariable UUID orgId, @PathVariable UUID userId) {
        boolean self = userId.equals(caller.userId());
        return permissions.requireIn(caller.userId(), orgId, OrgAction.USE)
                .then(organizations.underOrganisationLock(orgId, caller.userId(), userId, locked -> {
                    MembershipRules.checkRemoval(locked.actor(), self, locked.role(), locked.owners());
                    return organizations.remove(orgId, userId);
                }))
                .thenReturn(new Deleted(true));
    }

    private Mono<MemberView> member(UUID orgId, UUID userId) {
        return organizations.member(orgId, userId).map(MemberView::of);
    }

    /** As at sign-up: opening is idempotent and the first grant or purchase opens it again, so a failure is logged. */
    private Mono<Void> openCreditAccount(UUID orgId) {
        return billing.openAccount(orgId)
                .then()
                .onErrorResume(e -> {
                    log.warn("Could not open the credit account of new organisation {} ({}); the first grant will open it",
                            orgId, e.toString());
                    return Mono.empty();
                });
    }
}
