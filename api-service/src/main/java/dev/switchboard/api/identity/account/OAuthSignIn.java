package dev.switchboard.api.identity.account;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.ServerRedirectStrategy;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

import dev.switchboard.api.security.SessionSignIn;

/**
 * What a completed GitHub or Google login does: finds the user linked to that provider account; or,
 * when the provider vouches for the address, links the account with that address or opens a new one
 * (with its personal organisation and credit account, and no password). Then it starts the session
 * exactly as a password login does and sends the browser to the web UI. A login whose address is not
 * verified opens and links nothing, and the browser lands on {@code /?login_error=email_not_verified}.
 */
@Component
public class OAuthSignIn implements ServerAuthenticationSuccessHandler, ServerAuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(OAuthSignIn.class);
    static final URI HOME = URI.create("/");
    static final URI UNVERIFIED = URI.create("/?login_error=email_not_verified");
    static final URI FAILED = URI.create("/?login_error=login_failed");

    private final Accounts accounts;
    private final ExternalIdentities identities;
    private final AccountOpening opening;
    private final SessionSignIn sessions;
    private final ServerRedirectStrategy redirect = new DefaultServerRedirectStrategy();

    OAuthSignIn(Accounts accounts, ExternalIdentities identities, AccountOpening opening, SessionSignIn sessions) {
        this.accounts = accounts;
        this.identities = identities;
        this.opening = opening;
        this.sessions = sessions;
    }

    @Override
    public Mono<Void> onAuthenticationSuccess(WebFilterExchange exchange, Authentication authentication) {
        OAuth2AuthenticationToken token = (OAuth2AuthenticationToken) authentication;
        String provider = token.getAuthorizedClientRegistrationId();
        OAuth2User user = token.getPrincipal();
        String subject = user.getName();
        return identities.userOf(provider, subject)
                .switchIfEmpty(Mono.defer(() -> linkByVerifiedEmail(provider, subject, user)))
                .flatMap(accounts::findPersonal)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(account -> account.isEmpty()
                        ? redirect.sendRedirect(exchange.getExchange(), UNVERIFIED)
                        : sessions.signIn(exchange.getExchange(), account.get().userId(), account.get().orgId())
                                .then(redirect.sendRedirect(exchange.getExchange(), HOME)));
    }

    @Override
    public Mono<Void> onAuthenticationFailure(WebFilterExchange exchange, AuthenticationException exception) {
        log.info("A login through an identity provider failed: {}", exception.getMessage());
        return redirect.sendRedirect(exchange.getExchange(), FAILED);
    }

    /** Empty when the provider does not vouch for an address. */
    private Mono<UUID> linkByVerifiedEmail(String provider, String subject, OAuth2User user) {
        String email = verifiedEmail(user);
        if (email == null) {
            return Mono.empty();
        }
        return accounts.findByEmail(email)
                .switchIfEmpty(Mono.defer(() -> accounts.create(email, null)
                        .delayUntil(opening::openCreditAccount)
                        // Two first logins at once: the second finds the account the first opened.
                        .onErrorResume(DuplicateKeyException.class, e -> accounts.findByEmail(email))))
                .map(Account::userId)
                .delayUntil(userId -> identities.link(provider, subject, userId));
    }

    private static String verifiedEmail(OAuth2User user) {
        Object verified = user.getAttributes().get("email_verified");
        Object email = user.getAttributes().get("email");
        boolean vouched = Boolean.TRUE.equals(verified) || "true".equals(verified);
        if (!vouched || !(email instanceof String address) || address.isBlank() || !address.contains("@")) {
            return null;
        }
        return address.strip().toLowerCase(Locale.ROOT);
    }
}
