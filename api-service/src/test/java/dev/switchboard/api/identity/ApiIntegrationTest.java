package dev.switchboard.api.identity;

import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.switchboard.testing.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole api-service on a random port against this JVM's PostgreSQL database and Redis prefix,
 * with billing-service replaced by {@link BillingStub}, mail going to {@link MailInbox}'s SMTP server,
 * and three login providers ({@code custom}, {@code github} and {@code google}) served by
 * {@link FakeIdentityProvider}.
 * One Spring context shared by every subclass.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "switchboard.internal-token=test-token",
        "switchboard.admin-token=" + ApiIntegrationTest.ADMIN_TOKEN,
        "switchboard.catalog-url=http://127.0.0.1:9",
        "switchboard.master-key=" + ApiIntegrationTest.MASTER_KEY,
})
@AutoConfigureWebTestClient(timeout = "30s")
public abstract class ApiIntegrationTest {

    public static final String ADMIN_TOKEN = "operator-test-token";
    public static final String PASSWORD = "correct horse battery";
    /** 32 bytes, base64: the BYOK master key of the shared test context (id {@code default}). */
    public static final String MASTER_KEY = "c3dpdGNoYm9hcmQtdGVzdC1tYXN0ZXIta2V5LTMyYiE=";

    @Autowired
    protected WebTestClient web;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        registry.add("switchboard.billing-url", () -> BillingStub.instance().url());
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> MailInbox.instance().port());
        registry.add("spring.mail.properties.mail.smtp.localhost", () -> "localhost");
        for (String provider : new String[] {"custom", "github"}) {
            String registration = "spring.security.oauth2.client.registration." + provider + ".";
            String endpoints = "spring.security.oauth2.client.provider." + provider + ".";
            registry.add(registration + "client-id", () -> FakeIdentityProvider.CLIENT_ID);
            registry.add(registration + "client-secret", () -> FakeIdentityProvider.CLIENT_SECRET);
            registry.add(registration + "authorization-grant-type", () -> "authorization_code");
            registry.add(registration + "redirect-uri", () -> "{baseUrl}/login/oauth2/code/{registrationId}");
            registry.add(registration + "scope", () -> "profile");
            registry.add(endpoints + "authorization-uri", () -> FakeIdentityProvider.instance().url() + "/authorize");
            registry.add(endpoints + "token-uri", () -> FakeIdentityProvider.instance().url() + "/token");
            registry.add(endpoints + "user-info-uri", () -> FakeIdentityProvider.instance().url()
                    + ("github".equals(provider) ? "/user" : "/userinfo"));
            registry.add(endpoints + "user-name-attribute", () -> "id");
        }
        // Google as production configures it: only the client's id and secret, everything else Spring
        // Security's Google defaults (scopes openid, profile and email; issuer; subject as the name),
        // except that the endpoints are the fake's.
        registry.add("spring.security.oauth2.client.registration.google.client-id", () -> FakeIdentityProvider.CLIENT_ID);
        registry.add("spring.security.oauth2.client.registration.google.client-secret", () -> FakeIdentityProvider.CLIENT_SECRET);
        String google = "spring.security.oauth2.client.provider.google.";
        registry.add(google + "authorization-uri", () -> FakeIdentityProvider.instance().url() + "/authorize");
        registry.add(google + "token-uri", () -> FakeIdentityProvider.instance().url() + "/token");
        registry.add(google + "jwk-set-uri", () -> FakeIdentityProvider.instance().url() + "/jwks");
        registry.add(google + "user-info-uri", () -> FakeIdentityProvider.instance().url() + "/oidc/userinfo");
    }

    /** A signed-in browser: its session cookie and CSRF token. */
    public record Browser(String session, String xsrf, String userId, String orgId) {
    }

    protected static String uniqueEmail(String who) {
        return who + "-" + System.nanoTime() + "@example.com";
    }

    protected Browser signUp(String email) {
        EntityExchangeResult<Map> result = web.post().uri("/auth/signup")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", PASSWORD))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class)
                .returnResult();
        return browser(result);
    }

    protected static Browser browser(EntityExchangeResult<Map> result) {
        ResponseCookie session = result.getResponseCookies().getFirst("SESSION");
        ResponseCookie xsrf = result.getResponseCookies().getFirst("XSRF-TOKEN");
        assertThat(session).as("SESSION cookie").isNotNull();
        assertThat(xsrf).as("XSRF-TOKEN cookie").isNotNull();
        Map<?, ?> data = (Map<?, ?>) result.getResponseBody().get("data");
        String userId = (String) ((Map<?, ?>) data.get("user")).get("id");
        String orgId = (String) ((Map<?, ?>) data.get("organization")).get("id");
        return new Browser(session.getValue(), xsrf.getValue(), userId, orgId);
    }

    /** A write from the signed-in browser, with the session cookie and the CSRF header as the page sends them. */
    protected WebTestClient.RequestBodySpec post(Browser browser, String path) {
        return web.post().uri(path)
                .cookie("SESSION", browser.session())
                .cookie("XSRF-TOKEN", browser.xsrf())
                .header("X-XSRF-TOKEN", browser.xsrf());
    }

    /** Creates an API key from the browser and returns the creation response's {@code data} plus {@code key}. */
    @SuppressWarnings("unchecked")
    protected Map<String, Object> createKey(Browser browser, Map<String, Object> request) {
        return post(browser, "/api/v1/keys")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(request)
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }
}
