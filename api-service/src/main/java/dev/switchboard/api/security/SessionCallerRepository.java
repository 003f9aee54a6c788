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
 * <p>The session holds only the user id and the current organisation id, as strings, and the
 * {@link Caller} is rebuilt from them on each request. Storing Spring Security's own objects would
 * tie every stored session to the exact class versions that serialised it (an upgrade would sign
 * everyone out or fail to read), and would need {@code Caller} to be {@code Serializable}.
 */
@Component
class SessionCallerRepository implements ServerSecurityContextRepository {

    static final String USER_ATTRIBUTE = "switchboard.user";
    static final String ORGANISATION_ATTRIBUTE = "switchboard.org";

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
        return exchange.getSession()
                .flatMap(session -> session.changeSessionId().thenReturn(session))
                .doOnNext(session -> remember(session.getAttributes(), caller))
                .then();
    }

    @Override
    public Mono<SecurityContext> load(ServerWebExchange exchange) {
        return exchange.getSession()
                .mapNotNull(session -> caller(session.getAttributes()))
                .map(caller -> new SecurityContextImpl(new CallerAuthentication(caller)));
    }

    private static void remember(Map<String, Object> attributes, Caller caller) {
        attributes.put(USER_ATTRIBUTE, caller.userId().toString());
        attributes.put(ORGANISATION_ATTRIBUTE, caller.orgId().toString());
    }

    private static Caller caller(Map<String, Object> attributes) {
        if (!(attributes.get(USER_ATTRIBUTE) instanceof String user)
                || !(attributes.get(ORGANISATION_ATTRIBUTE) instanceof String org)) {
            return null;
        }
        return new Caller(Caller.Kind.SESSION, UUID.fromString(user), UUID.fromString(org), null, null);
    }
}
