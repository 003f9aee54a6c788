package dev.switchboard.api.security;

import java.util.Map;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;

import dev.switchboard.api.identity.Caller;

/**
 * Keeps a browser session's security context in the Spring Session (Redis) web session.
 *
 * <p>The session holds only the user id, the current organisation id and the user's session version
 * at sign-in, as strings, and the {@link Caller} is rebuilt from them on each request. Storing Spring
 * Security's own objects would tie every stored session to the exact class versions that serialised
 * it (an upgrade would sign everyone out or fail to read), and would need {@code Caller} to be
 * {@code Serializable}.
 *
 * <p>Each request checks the stored ids against the database ({@link SessionStates}, one indexed
 * query): a session signed in before the user's last password reset is ended, and a session whose
 * current organisation the user has left or been removed from falls back to their personal one. The
 * result is computed once per request, however often the security context is read.
 */
@Component
class SessionCallerRepository implements ServerSecurityContextRepository {

    static final String USER_ATTRIBUTE = "switchboard.user";
    static final String ORGANISATION_ATTRIBUTE = "switchboard.org";
    static final String VERSION_ATTRIBUTE = "switchboard.session-version";

    private static final String LOADED = SessionCallerRepository.class.getName() + ".loaded";

    private final SessionStates states;

    SessionCallerRepository(SessionStates states) {
        this.states = states;
    }

    /**
     * Stores a session caller under a new session id (a session id known before login, say planted
     * by an attacker, is worth nothing after it), or ends the session when {@code context} is null.
     */
    @Override
    public Mono<Void> save(ServerWebExchange exchange, SecurityContext context) {
        if (context == null || context.getAuthentication() == null) {
            return exchange.getSession().flatMap(WebSession::invalidate);
        }
        if (!(context.getAuthentication().getPrincipal() instanceof Caller caller) || caller.kind() != Caller.Kind.SESSION) {
            return Mono.error(new IllegalArgumentException("only session callers are kept in a web session"));
        }
        return states.of(caller.userId(), caller.orgId())
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("cannot sign in a user that does not exist")))
                .flatMap(state -> exchange.getSession()
                        .flatMap(session -> session.changeSessionId().thenReturn(session))
                        .doOnNext(session -> remember(session.getAttributes(), caller, state.version())))
                .then();
    }

    /** Makes {@code orgId} the session's current organisation; the caller has checked the membership. */
    Mono<Void> switchOrganisation(ServerWebExchange exchange, UUID orgId) {
        return exchange.getSession()
                .doOnNext(session -> session.getAttributes().put(ORGANISATION_ATTRIBUTE, orgId.toString()))
                .then();
    }

    @Override
    public Mono<SecurityContext> load(ServerWebExchange exchange) {
        Mono<SecurityContext> loaded = exchange.getAttribute(LOADED);
        if (loaded == null) {
            loaded = exchange.getSession()
                    .flatMap(this::caller)
                    .map(caller -> (SecurityContext) new SecurityContextImpl(new CallerAuthentication(caller)))
                    .cache();
            exchange.getAttributes().put(LOADED, loaded);
        }
        return loaded;
    }

    private Mono<Caller> caller(WebSession session) {
        Map<String, Object> attributes = session.getAttributes();
        if (!(attributes.get(USER_ATTRIBUTE) instanceof String user)
                || !(attributes.get(ORGANISATION_ATTRIBUTE) instanceof String org)) {
            return Mono.empty();
        }
        UUID userId = UUID.fromString(user);
        long version = attributes.get(VERSION_ATTRIBUTE) instanceof String v ? Long.parseLong(v) : 0;
        return states.of(userId, UUID.fromString(org))
                .filter(state -> state.version() == version)
                .map(state -> {
                    if (state.member()) {
                        return new Caller(Caller.Kind.SESSION, userId, UUID.fromString(org), null, null);
                    }
                    attributes.put(ORGANISATION_ATTRIBUTE, state.personalOrg().toString());
                    return new Caller(Caller.Kind.SESSION, userId, state.personalOrg(), null, null);
                })
                .switchIfEmpty(Mono.defer(() -> session.invalidate().then(Mono.empty())));
    }

    private static void remember(Map<String, Object> attributes, Caller caller, long version) {
        attributes.put(USER_ATTRIBUTE, caller.userId().toString());
        attributes.put(ORGANISATION_ATTRIBUTE, caller.orgId().toString());
        attributes.put(VERSION_ATTRIBUTE, Long.toString(version));
    }
}
