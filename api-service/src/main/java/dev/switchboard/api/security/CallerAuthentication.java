package dev.switchboard.api.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import dev.switchboard.api.identity.Caller;

/**
 * An established {@link Caller}: its only authority is {@code ROLE_<kind>} ({@code ROLE_SESSION},
 * {@code ROLE_API_KEY}, {@code ROLE_MANAGEMENT_KEY}, {@code ROLE_ADMIN}), which the access rules test.
 * It carries no credentials; it is never serialised (sessions store plain ids, see
 * {@link SessionCallerRepository}).
 */
final class CallerAuthentication extends AbstractAuthenticationToken {

    private final transient Caller caller;

    CallerAuthentication(Caller caller) {
        super(List.of(new SimpleGrantedAuthority(role(caller.kind()))));
        this.caller = caller;
        setAuthenticated(true);
    }

    static String role(Caller.Kind kind) {
        return "ROLE_" + kind.name();
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public String getName() {
        return caller.kind() + (caller.userId() == null ? "" : ":" + caller.userId());
    }
}
