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
 * with billing-service replaced by {@link BillingStub}. One Spring context shared by every subclass.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "switchboard.internal-token=test-token",
        "switchboard.admin-token=" + ApiIntegrationTest.ADMIN_TOKEN,
        "switchboard.catalog-url=http://127.0.0.1:9",
})
@AutoConfigureWebTestClient(timeout = "30s")
public abstract class ApiIntegrationTest {

    public static final String ADMIN_TOKEN = "operator-test-token";
    public static final String PASSWORD = "correct horse battery";

    @Autowired
    protected WebTestClient web;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        registry.add("switchboard.billing-url", () -> BillingStub.instance().url());
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
