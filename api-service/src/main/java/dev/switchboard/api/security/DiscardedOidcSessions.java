package dev.switchboard.api.security;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.client.oidc.authentication.logout.OidcLogoutToken;
import org.springframework.security.oauth2.client.oidc.server.session.ReactiveOidcSessionRegistry;
import org.springframework.security.oauth2.client.oidc.session.OidcSessionInformation;

/**
 * Keeps no record of OpenID Connect logins. Spring Security records every Google login (the person's
 * ID token and claims, under the web session's id) for OIDC back-channel logout, by default in an
 * in-memory map that forgets an entry only when that session is invalidated on the same instance. Our
 * sessions live in Redis and mostly end by expiring there, so the map would only grow, holding
 * personal data; and Switchboard offers no back-channel logout, which is all the record is for.
 */
class DiscardedOidcSessions implements ReactiveOidcSessionRegistry {

    @Override
    public Mono<Void> saveSessionInformation(OidcSessionInformation info) {
        return Mono.empty();
    }

    @Override
    public Mono<OidcSessionInformation> removeSessionInformation(String clientSessionId) {
        return Mono.empty();
    }

    @Override
    public Flux<OidcSessionInformation> removeSessionInformation(OidcLogoutToken logoutToken) {
        return Flux.empty();
    }
}
