package dev.switchboard.api.identity.account;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

import dev.switchboard.api.identity.ApiIntegrationTest;
import dev.switchboard.api.identity.BillingStub;
import dev.switchboard.api.identity.FakeIdentityProvider;
import dev.switchboard.api.identity.FakeIdentityProvider.Forgery;
import dev.switchboard.api.identity.FakeIdentityProvider.Profile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GitHub-style, generic OAuth2 and Google (OpenID Connect) logins against {@link FakeIdentityProvider}:
 * the test follows the browser's redirects itself, receiving from the provider a code for the profile
 * it chose.
 */
class OAuthLoginTests extends ApiIntegrationTest {

    /**
     * Where the login sent the browser, its session cookie if one was started, and the session cookie
     * it had while the login was under way.
     */
    record Landing(URI location, String session, String loginSession) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"custom", "google"})
    void aFirstLoginWithAVerifiedAddressOpensAnAccountAndLaterLoginsFindIt(String provider) {
        String email = uniqueEmail("octo");
        Profile profile = new Profile("subject-" + System.nanoTime(), email, true);

        Landing first = login(provider, profile);
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

        Landing again = login(provider, new Profile(profile.subject(), "changed-" + email, true));
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
    void aGoogleLoginAsksForAnIdTokenWithTheAddressAndANonce() {
        URI authorize = web.get().uri("/oauth2/authorization/google").exchange()
                .expectStatus().isFound().returnResult(Void.class).getResponseHeaders().getLocation();
        MultiValueMap<String, String> query = UriComponentsBuilder.fromUri(authorize).build().getQueryParams();
        assertThat(URLDecoder.decode(query.getFirst("scope"), StandardCharsets.UTF_8).split(" "))
                .containsExactlyInAnyOrder("openid", "profile", "email");
        assertThat(query.getFirst("response_type")).isEqualTo("code");
        assertThat(query.getFirst("nonce")).isNotBlank();
    }

    @Test
    void aGoogleLoginWhoseAddressGoogleHasNotVerifiedOpensNothing() {
        String email = uniqueEmail("unverified-googler");
        Landing refused = login("google", new Profile("1078" + System.nanoTime(), email, false));
        assertThat(refused.location()).isEqualTo(URI.create("/?login_error=email_not_verified"));
        assertSignedOut(refused);
        signUp(email); // the address is still free: the login opened no account with it
    }

    @ParameterizedTest
    @EnumSource(value = Forgery.class, names = {"FOREIGN_KEY", "OTHER_AUDIENCE", "OTHER_NONCE"})
    void aGoogleIdTokenThatFailsVerificationSignsNobodyIn(Forgery forgery) {
        String email = uniqueEmail("forged");
        Landing refused = login("google", new Profile("1079" + System.nanoTime(), email, true), forgery);
        assertThat(refused.location()).isEqualTo(URI.create("/?login_error=login_failed"));
        assertSignedOut(refused);
        signUp(email);
    }

    @Test
    void theConfiguredProvidersAreListed() {
        web.get().uri("/auth/providers").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.length()").isEqualTo(3)
                .jsonPath("$.data[?(@.id == 'github')].login_url").isEqualTo("/oauth2/authorization/github")
                .jsonPath("$.data[?(@.id == 'custom')].login_url").isEqualTo("/oauth2/authorization/custom")
                .jsonPath("$.data[?(@.id == 'google')].name").isEqualTo("Google")
                .jsonPath("$.data[?(@.id == 'google')].login_url").isEqualTo("/oauth2/authorization/google");
    }

    private Landing login(String provider, Profile profile) {
        return login(provider, profile, Forgery.NONE);
    }

    /** Starts the login at Switchboard, "signs in" at the provider, and returns to the callback. */
    private Landing login(String provider, Profile profile, Forgery forgery) {
        FluxExchangeResult<Void> start = web.get().uri("/oauth2/authorization/" + provider).exchange()
                .expectStatus().isFound().returnResult(Void.class);
        URI authorize = start.getResponseHeaders().getLocation();
        assertThat(authorize.toString()).startsWith(FakeIdentityProvider.instance().url() + "/authorize");
        String state = URLDecoder.decode(UriComponentsBuilder.fromUri(authorize).build().getQueryParams().getFirst("state"),
                StandardCharsets.UTF_8);
        String session = start.getResponseCookies().getFirst("SESSION").getValue();
        String code = FakeIdentityProvider.instance().issueCode(profile, authorize, forgery);

        FluxExchangeResult<Void> callback = web.get()
                .uri(b -> b.path("/login/oauth2/code/" + provider).queryParam("code", "{c}").queryParam("state", "{s}")
                        .build(code, state))
                .cookie("SESSION", session)
                .exchange()
                .expectStatus().isFound()
                .returnResult(Void.class);
        ResponseCookie started = callback.getResponseCookies().getFirst("SESSION");
        return new Landing(callback.getResponseHeaders().getLocation(), started == null ? null : started.getValue(), session);
    }

    /** Neither the session the login ran in nor any the callback handed out is signed in. */
    private void assertSignedOut(Landing landing) {
        for (String session : new String[] {landing.loginSession(), landing.session()}) {
            if (session != null) {
                web.get().uri("/auth/me").cookie("SESSION", session).exchange().expectStatus().isUnauthorized();
            }
        }
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
