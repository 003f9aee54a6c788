package dev.switchboard.api.identity.account;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /auth/providers}: the identity providers configured
 * ({@code spring.security.oauth2.client.registration.<id>.*}), for the web UI's login buttons. Empty
 * when none is.
 */
@RestController
class LoginProvidersController {

    /** @param loginUrl where the browser goes to start the login */
    record LoginProvider(String id, String name, @JsonProperty("login_url") String loginUrl) {
    }

    record Data(List<LoginProvider> data) {
    }

    private final List<LoginProvider> providers;

    LoginProvidersController(ObjectProvider<ReactiveClientRegistrationRepository> registrations) {
        List<LoginProvider> configured = new ArrayList<>();
        if (registrations.getIfAvailable() instanceof Iterable<?> all) {
            for (Object registration : all) {
                ClientRegistration client = (ClientRegistration) registration;
                configured.add(new LoginProvider(client.getRegistrationId(), client.getClientName(),
                        "/oauth2/authorization/" + client.getRegistrationId()));
            }
        }
        this.providers = List.copyOf(configured);
    }

    @GetMapping(path = "/auth/providers", produces = MediaType.APPLICATION_JSON_VALUE)
    Data providers() {
        return new Data(providers);
    }
}
