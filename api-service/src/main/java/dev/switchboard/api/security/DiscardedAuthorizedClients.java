package dev.switchboard.api.security;

import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.web.server.ServerWebExchange;

/**
 * Keeps no provider access tokens. A GitHub or Google login is used only to learn who the person is;
 * Switchboard never calls the provider on their behalf afterwards, so holding their tokens (Spring's
 * default keeps them in memory, per principal, indefinitely) would be a liability with no use.
 */
class DiscardedAuthorizedClients implements ServerOAuth2AuthorizedClientRepository {

    @Override
    public <T extends OAuth2AuthorizedClient> Mono<T> loadAuthorizedClient(String clientRegistrationId, Authentication principal,
                                                                           ServerWebExchange exchange) {
        return Mono.empty();
    }

    @Override
    public Mono<Void> saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, Authentication principal,
                                           ServerWebExchange exchange) {
        return Mono.empty();
    }

    @Override
    public Mono<Void> removeAuthorizedClient(String clientRegistrationId, Authentication principal, ServerWebExchange exchange) {
        return Mono.empty();
    }
}
