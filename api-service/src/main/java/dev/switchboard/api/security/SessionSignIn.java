package dev.switchboard.api.security;

import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import dev.switchboard.api.identity.Caller;

/**
 * Starts and ends browser sessions for the account endpoints, and hands the browser its CSRF token.
 */
@Component
public class SessionSignIn {

    private final SessionCallerRepository sessions;
    private final ServerCsrfTokenRepository csrfTokens;

    SessionSignIn(SessionCallerRepository sessions, ServerCsrfTokenRepository csrfTokens) {
        this.sessions = sessions;
        this.csrfTokens = csrfTokens;
    }

    /**
     * Signs the user in to {@code orgId}: a session under a fresh id ({@code SESSION} cookie) and a
     * fresh {@code XSRF-TOKEN} cookie, so no token seen before login is valid after it.
     */
    public Mono<Void> signIn(ServerWebExchange exchange, UUID userId, UUID orgId) {
        Caller caller = new Caller(Caller.Kind.SESSION, userId, orgId, null, null);
        return sessions.save(exchange, new SecurityContextImpl(new CallerAuthentication(caller)))
                .then(csrfTokens.generateToken(exchange))
                .flatMap(token -> csrfTokens.saveToken(exchange, token));
    }

    /**
     * Makes {@code orgId} the signed-in session's current organisation: the {@link Caller} of this
     * session's later requests carries it. Membership is the caller's to check.
     */
    public Mono<Void> switchOrganisation(ServerWebExchange exchange, UUID orgId) {
        return sessions.switchOrganisation(exchange, orgId);
    }

    /** Deletes the session from Redis and clears the CSRF cookie. */
    public Mono<Void> signOut(ServerWebExchange exchange) {
        return sessions.save(exchange, null)
                .then(csrfTokens.saveToken(exchange, null));
    }

    /**
     * Makes sure the response carries the {@code XSRF-TOKEN} cookie. Spring Security creates the
     * token lazily, only when something subscribes to it, so a page that reads the cookie after a
     * reload (or after the cookie was lost) would otherwise never get one.
     */
    public Mono<Void> exposeCsrfToken(ServerWebExchange exchange) {
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        return token == null ? Mono.empty() : token.then();
    }
}
