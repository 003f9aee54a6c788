package dev.switchboard.api.identity.account;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.web.util.UriComponentsBuilder;

import dev.switchboard.api.identity.ApiIntegrationTest;
import dev.switchboard.api.identity.BillingStub;
import dev.switchboard.api.identity.FakeIdentityProvider;
import dev.switchboard.api.identity.FakeIdentityProvider.Profile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GitHub-style and generic OAuth2 logins against {@link FakeIdentityProvider}: the test follows the
 * browser's redirects itself, receiving from the provider a code for the profile it chose.
 */
class OAuthLoginTests extends ApiIntegrationTest {

    /** Where the login sent the browser, and its session cookie if one was started. */
    record Landing(URI location, String session) {
    }

    @Test
    void aFirstLoginWithAVerifiedAddressOpensAnAccountAndLaterLoginsFindIt() {
        String email = uniqueEmail("octo");
        Profile profile = new Profile("subject-" + System.nanoTime(), email, true);

        Landing first = login("custom", profile);
        assertThat(first.location()).isEqualTo(URI.create("/"));
        Map<?, ?> me = me(first.session());
        Map<?, ?> user = (Map<?, ?>) me.get("user");
        Map<?, ?> organization = (Map<?, ?>) me.get("organization");
        assertThat(user.get("email")).isEqualTo(email);
        assertThat(organization.get("role")).isEqualTo("owner");
        assertThat(BillingStub.instance().received("/internal/accounts"))
                .anySatisfy(r -> assertThat(r.body().get("orgId").stringValue()).isEqualTo(organization.get("id")));
        web.post().uri("/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", PASSWORD))
                .exchange()
                .expectStatus().isUnauthorized();

        Landing again = login("custom", new Profile(profile.subject(), "changed-" + email, true));
        assertThat(((Map<?, ?>) me(again.session()).get("user")).get("id"))
                .as("the provider's subject, not the address, names the account").isEqualTo(user.get("id"));
    }

    @Test
    void aVerifiedAddressLinksToTheAccountThatHasIt() {
        String email = uniqueEmail("linked");
        Browser signedUp = signUp(email);

        Landing landing = login("custom", new Profile("subject-" + System.nanoTime(), email.toUpperCase(), true));
        assertThat(((Map<?, ?>) me(landing.session()).get("user")).get("id")).isEqualTo(signedUp.userId());
        web.post().uri("/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", PASSWORD))
                .exchange()
                .expectStatus().isOk();
    }

    @Test
    void anUnverifiedOrUnstatedAddressOpensAndLinksNothing() {
        String email = uniqueEmail("unverified");
        Browser owner = signUp(email);
        for (Boolean verified : new Boolean[] {false, null}) {
            Landing refused = login("custom", new Profile("subject-" + System.nanoTime(), email, verified));
            assertThat(refused.location()).isEqualTo(URI.create("/?login_error=email_not_verified"));
            if (refused.session() != null) {
                web.get().uri("/auth/me").cookie("SESSION", refused.session()).exchange().expectStatus().isUnauthorized();
            }
        }
        String stranger = uniqueEmail("stranger");
        Landing refused = login("custom", new Profile("subject-" + System.nanoTime(), stranger, false));
        assertThat(refused.location()).isEqualTo(URI.create("/?login_error=email_not_verified"));
        signUp(stranger);
        web.get().uri("/auth/me").cookie("SESSION", owner.session()).exchange().expectStatus().isOk();
    }

    @Test
    void gitHubLoginsUseThePrimaryVerifiedAddressFromTheEmailsEndpoint() {
        String email = uniqueEmail("hubber");
        Landing landing = login("github", new Profile("4242" + System.nanoTime(), email, true));
        assertThat(landing.location()).isEqualTo(URI.create("/"));
        assertThat(((Map<?, ?>) me(landing.session()).get("user")).get("email")).isEqualTo(email);

        Landing unverified = login("github", new Profile("4343" + System.nanoTime(), uniqueEmail("hidden"), false));
        assertThat(unverified.location()).isEqualTo(URI.create("/?login_error=email_not_verified"));
    }

    @Test
    void aCallbackWithAStateTheBrowserNeverSawFails() {
        FluxExchangeResult<Void> start = web.get().uri("/oauth2/authorization/custom").exchange()
                .expectStatus().isFound().returnResult(Void.class);
        String session = start.getResponseCookies().getFirst("SESSION").getValue();
        String code = FakeIdentityProvider.instance().issueCode(new Profile("s-" + System.nanoTime(), uniqueEmail("csrf"), true));

        web.get().uri(b -> b.path("/login/oauth2/code/custom").queryParam("code", "{c}").queryParam("state", "{s}")
                        .build(code, "forged-state"))
                .cookie("SESSION", session)
                .exchange()
                .expectStatus().isFound()
                .expectHeader().location("/?login_error=login_failed");
    }

    @Test
    void theConfiguredProvidersAreListed() {
        web.get().uri("/auth/providers").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.length()").isEqualTo(2)
                .jsonPath("$.data[?(@.id == 'github')].login_url").isEqualTo("/oauth2/authorization/github")
                .jsonPath("$.data[?(@.id == 'custom')].login_url").isEqualTo("/oauth2/authorization/custom");
    }

    /** Starts the login at Switchboard, "signs in" at the provider, and returns to the callback. */
    private Landing login(String provider, Profile profile) {
        FluxExchangeResult<Void> start = web.get().uri("/oauth2/authorization/" + provider).exchange()
                .expectStatus().isFound().returnResult(Void.class);
        URI authorize = start.getResponseHeaders().getLocation();
        assertThat(authorize.toString()).startsWith(FakeIdentityProvider.instance().url() + "/authorize");
        String state = URLDecoder.decode(UriComponentsBuilder.fromUri(authorize).build().getQueryParams().getFirst("state"),
                StandardCharsets.UTF_8);
        String session = start.getResponseCookies().getFirst("SESSION").getValue();
        String code = FakeIdentityProvider.instance().issueCode(profile);

        FluxExchangeResult<Void> callback = web.get()
                .uri(b -> b.path("/login/oauth2/code/" + provider).queryParam("code", "{c}").queryParam("state", "{s}")
                        .build(code, state))
                .cookie("SESSION", session)
                .exchange()
                .expectStatus().isFound()
                .returnResult(Void.class);
        ResponseCookie started = callback.getResponseCookies().getFirst("SESSION");
        return new Landing(callback.getResponseHeaders().getLocation(), started == null ? null : started.getValue());
    }

    private Map<?, ?> me(String session) {
        assertThat(session).as("a session was started").isNotNull();
        return (Map<?, ?>) web.get().uri("/auth/me").cookie("SESSION", session)
                .exchange()
                .expectStatus().isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("data");
    }
}
