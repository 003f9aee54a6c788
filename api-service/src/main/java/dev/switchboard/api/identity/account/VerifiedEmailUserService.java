package dev.switchboard.api.identity.account;

import java.util.HashMap;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.userinfo.DefaultReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Loads the user of a (non-OpenID) OAuth2 login and makes sure it says whether its address is
 * verified ({@code email} and {@code email_verified}). Google's login is OpenID Connect, whose ID token
 * carries {@code email_verified}; GitHub's user endpoint carries neither a verified flag nor always an
 * address, so for GitHub the primary address is read from {@code <user-info-uri>/emails}, where GitHub
 * says which addresses are verified. A provider that says nothing counts as unverified.
 */
@Component
class VerifiedEmailUserService implements ReactiveOAuth2UserService<OAuth2UserRequest, OAuth2User> {

    static final String GITHUB = "github";

    private final DefaultReactiveOAuth2UserService delegate = new DefaultReactiveOAuth2UserService();
    private final WebClient http;

    VerifiedEmailUserService(WebClient.Builder builder) {
        this.http = builder.clone().build();
    }

    @Override
    public Mono<OAuth2User> loadUser(OAuth2UserRequest request) {
        return delegate.loadUser(request)
                .flatMap(user -> user.getAttributes().containsKey("email_verified")
                        || !GITHUB.equals(request.getClientRegistration().getRegistrationId())
                        ? Mono.just(user)
                        : withGitHubPrimaryEmail(request, user));
    }

    private Mono<OAuth2User> withGitHubPrimaryEmail(OAuth2UserRequest request, OAuth2User user) {
        String emailsUri = request.getClientRegistration().getProviderDetails().getUserInfoEndpoint().getUri() + "/emails";
        return http.get().uri(emailsUri)
                .headers(headers -> headers.setBearerAuth(request.getAccessToken().getTokenValue()))
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .bodyToMono(JsonNode.class)
                .map(emails -> {
                    Map<String, Object> attributes = new HashMap<>(user.getAttributes());
                    attributes.put("email_verified", false);
                    for (JsonNode email : emails) {
                        if (email.path("primary").asBoolean(false) && email.path("verified").asBoolean(false)) {
                            attributes.put("email", email.path("email").asString());
                            attributes.put("email_verified", true);
                        }
                    }
                    String nameAttribute = request.getClientRegistration().getProviderDetails().getUserInfoEndpoint()
                            .getUserNameAttributeName();
                    return new DefaultOAuth2User(user.getAuthorities(), attributes, nameAttribute);
                });
    }
}
