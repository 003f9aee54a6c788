package dev.switchboard.api.identity.org;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import dev.switchboard.api.error.ApiException;
import dev.switchboard.api.identity.Caller;
import dev.switchboard.api.identity.OneTimeToken;
import dev.switchboard.api.identity.account.AccountOpening;
import dev.switchboard.api.identity.account.Accounts;
import dev.switchboard.api.mail.Mail;
import dev.switchboard.api.mail.MailProperties;
import dev.switchboard.api.mail.Mailer;
import dev.switchboard.api.security.SessionSignIn;

/**
 * Invitations by email link. Owners and admins invite ({@code POST /api/v1/orgs/{id}/invites}), list
 * and revoke; the invited person accepts with the link's token ({@code POST /auth/invites/accept}),
 * signed in with the invited address, or, without an account, by choosing a password (the link
 * reached the address, which is what proves it). The token is single use and expires after
 * {@code switchboard.invites.ttl} (7 days).
 */
@RestController
class InviteController {

    private static final Logger log = LoggerFactory.getLogger(InviteController.class);
    /** The loose address check of sign-up: it catches typing mistakes; the mail proves the rest. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

    private final Invites invites;
    private final Organizations organizations;
    private final OrgPermissions permissions;
    private final Accounts accounts;
    private final AccountOpening opening;
    private final SessionSignIn sessions;
    private final Mailer mailer;
    private final MailProperties mail;
    private final InviteProperties properties;
    private final Clock clock = Clock.systemUTC();

    InviteController(Invites invites, Organizations organizations, OrgPermissions permissions, Accounts accounts,
                     AccountOpening opening, SessionSignIn sessions, Mailer mailer, MailProperties mail,
                     InviteProperties properties) {
        this.invites = invites;
        this.organizations = organizations;
        this.permissions = permissions;
        this.accounts = accounts;
        this.opening = opening;
        this.sessions = sessions;
        this.mailer = mailer;
        this.mail = mail;
        this.properties = properties;
    }

    record Data<T>(T data) {
    }

    record InviteRequest(String email, String role) {
    }

    /** @param password only to create an account for the invited address; ignored when signed in */
    record Acceptance(String token, String password) {
        @Override
        public String toString() {
            return "Acceptance[<redacted>]";
        }
    }

    /** @param organization the organisation joined, now the session's current one */
    record Accepted(OrgView organization) {
    }

    record Deleted(boolean deleted) {
    }

    @PostMapping(path = "/api/v1/orgs/{orgId}/invites", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Data<InviteView>> invite(@AuthenticationPrincipal Caller caller, @PathVariable UUID orgId,
                                  @RequestBody InviteRequest request) {
        String email = request.email() == null ? "" : request.email().strip().toLowerCase(Locale.ROOT);
        if (email.isEmpty() || email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw ApiException.badRequest("email must be a valid address");
        }
        Role role = Role.parse(request.role() == null ? "member" : request.role());
        OneTimeToken token = OneTimeToken.generate();
        return permissions.requireIn(caller.userId(), orgId, OrgAction.USE)
                .doOnNext(actor -> MembershipRules.checkInvite(actor, role))
                .then(organizations.isPersonal(orgId))
                .filter(personal -> !personal)
                .switchIfEmpty(Mono.error(() -> ApiException.badRequest(
                        "A personal organization has only its owner; create an organization to invite others")))
                .then(organizations.hasMemberWithEmail(orgId, email))
                .filter(member -> !member)
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.CONFLICT, "This address is already a member")))
                .then(Mono.defer(() -> invites.insert(orgId, email, role, token.hash(), caller.userId(),
                        clock.instant().plus(properties.ttl()))))
                .delayUntil(invite -> mailer.send(inviteMail(invite, token))
                        .onErrorMap(e -> mailFailed(invite, e)))
                .map(invite -> new Data<>(InviteView.of(invite, clock.instant())));
    }

    @GetMapping(path = "/api/v1/orgs/{orgId}/invites", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Data<List<InviteView>>> list(@AuthenticationPrincipal Caller caller, @PathVariable UUID orgId) {
        return permissions.requireIn(caller.userId(), orgId, OrgAction.MANAGE_MEMBERS)
                .thenMany(invites.list(orgId))
                .map(invite -> InviteView.of(invite, clock.instant()))
                .collectList()
                .map(Data::new);
    }

    @DeleteMapping(path = "/api/v1/orgs/{orgId}/invites/{inviteId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Deleted> revoke(@AuthenticationPrincipal Caller caller, @PathVariable UUID orgId, @PathVariable UUID inviteId) {
        return permissions.requireIn(caller.userId(), orgId, OrgAction.MANAGE_MEMBERS)
                .then(invites.revoke(orgId, inviteId))
                .filter(Boolean::booleanValue)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("No pending invite with this id")))
                .thenReturn(new Deleted(true));
    }

    @PostMapping(path = "/auth/invites/accept", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Data<Accepted>> accept(@AuthenticationPrincipal Caller caller, @RequestBody Acceptance acceptance,
                                ServerWebExchange exchange) {
        if (acceptance.token() == null || acceptance.token().isBlank()) {
            throw ApiException.badRequest("token is required");
        }
        String tokenHash = OneTimeToken.hashOf(acceptance.token().strip());
        Mono<Invites.Invite> pending = invites.findByTokenHash(tokenHash)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Invite not found")))
                .doOnNext(this::requirePending);
        boolean signedIn = caller != null && caller.kind() == Caller.Kind.SESSION;
        Mono<Invites.Invite> accepted = signedIn
                ? pending.flatMap(invite -> acceptSignedIn(caller, invite, tokenHash, exchange))
                : pending.flatMap(invite -> acceptWithNewAccount(invite, acceptance.password(), tokenHash, exchange));
        return accepted.map(invite -> new Data<>(new Accepted(new OrgView(invite.orgId(), invite.orgName(),
                invite.role().wire(), false, true, null))));
    }

    private Mono<Invites.Invite> acceptSignedIn(Caller caller, Invites.Invite invite, String tokenHash, ServerWebExchange exchange) {
        return accounts.emailOf(caller.userId())
                .filter(invite.email()::equals)
                .switchIfEmpty(Mono.error(() -> ApiException.forbidden(
                        "This invite was sent to another email address; sign in with that address to accept it")))
                .then(Mono.defer(() -> claim(tokenHash, caller.userId())))
                .delayUntil(claimed -> sessions.switchOrganisation(exchange, claimed.orgId()));
    }

    private Mono<Invites.Invite> acceptWithNewAccount(Invites.Invite invite, String password, String tokenHash,
                                                      ServerWebExchange exchange) {
        if (password == null) {
            return Mono.error(ApiException.unauthorized(
                    "Sign in with the invited address to accept, or send a password to create an account for it"));
        }
        return accounts.exists(invite.email())
                .filter(exists -> !exists)
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.CONFLICT,
                        "An account with this email already exists; sign in, then accept the invite")))
                .then(Mono.defer(() -> opening.open(invite.email(), password, userId -> claim(tokenHash, userId))))
                .delayUntil(account -> sessions.signIn(exchange, account.userId(), invite.orgId()))
                .thenReturn(invite);
    }

    private Mono<Invites.Invite> claim(String tokenHash, UUID userId) {
        return invites.accept(tokenHash, userId)
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.GONE, "This invite has already been used")));
    }

    private void requirePending(Invites.Invite invite) {
        switch (invite.status(clock.instant())) {
            case PENDING -> { }
            case ACCEPTED -> throw new ApiException(HttpStatus.GONE, "This invite has already been used");
            case REVOKED -> throw new ApiException(HttpStatus.GONE, "This invite has been revoked");
            case EXPIRED -> throw new ApiException(HttpStatus.GONE, "This invite has expired; ask for a new one");
        }
    }

    private Mail inviteMail(Invites.Invite invite, OneTimeToken token) {
        URI link = mail.link("accept-invite", token.secret());
        String text = """
                You are invited to join the organization "%s" on Switchboard as %s.
                To accept, open this link within %d days:

                %s
                """.formatted(invite.orgName(), invite.role().wire(), properties.ttl().toDays(), link);
        return new Mail(invite.email(), "You are invited to " + invite.orgName() + " on Switchboard", text, link);
    }

    private static ApiException mailFailed(Invites.Invite invite, Throwable e) {
        log.warn("Invite {} was stored but its mail could not be sent: {}", invite.id(), e.toString());
        return new ApiException(HttpStatus.BAD_GATEWAY,
                "The invite was created but its mail could not be sent; revoke it and invite again");
    }
}
