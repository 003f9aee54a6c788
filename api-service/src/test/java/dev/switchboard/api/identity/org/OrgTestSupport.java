package dev.switchboard.api.identity.org;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.switchboard.api.identity.ApiIntegrationTest;
import dev.switchboard.api.identity.MailInbox;

import static org.assertj.core.api.Assertions.assertThat;

/** Helpers for the organisation tests: organisations, members joined by invitation, and their browsers. */
public abstract class OrgTestSupport extends ApiIntegrationTest {

    /** A signed-in person: their browser ({@code orgId}: the organisation current when they signed in) and address. */
    public record Person(Browser browser, String email) {
        public String userId() {
            return browser.userId();
        }
    }

    protected Person person(String who) {
        String email = uniqueEmail(who);
        return new Person(signUp(email), email);
    }

    @SuppressWarnings("unchecked")
    protected String createOrg(Person owner, String name) {
        Map<String, Object> body = post(owner.browser(), "/api/v1/orgs")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", name))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return (String) ((Map<String, Object>) body.get("data")).get("id");
    }

    WebTestClient.ResponseSpec switchTo(Person person, String orgId) {
        return post(person.browser(), "/auth/org")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("org_id", orgId))
                .exchange();
    }

    WebTestClient.ResponseSpec invite(Person inviter, String orgId, String email, String role) {
        return post(inviter.browser(), "/api/v1/orgs/" + orgId + "/invites")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "role", role))
                .exchange();
    }

    /** The token of the newest mail to {@code email}. */
    static String lastToken(String email) {
        List<MailInbox.Received> mails = MailInbox.instance().to(email);
        assertThat(mails).as("mails to " + email).isNotEmpty();
        return mails.getLast().token();
    }

    /** A new person invited by {@code inviter} with {@code role}, who signs up through the link. */
    protected Person join(Person inviter, String orgId, String role) {
        String email = uniqueEmail(role);
        invite(inviter, orgId, email, role).expectStatus().isCreated();
        EntityExchangeResult<Map> accepted = web.post().uri("/auth/invites/accept")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", lastToken(email), "password", PASSWORD))
                .exchange()
                .expectStatus().isOk()
                .expectBody(Map.class)
                .returnResult();
        String session = accepted.getResponseCookies().getFirst("SESSION").getValue();
        String xsrf = accepted.getResponseCookies().getFirst("XSRF-TOKEN").getValue();
        Map<?, ?> me = (Map<?, ?>) web.get().uri("/auth/me").cookie("SESSION", session)
                .exchange()
                .expectStatus().isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("data");
        String userId = (String) ((Map<?, ?>) me.get("user")).get("id");
        String currentOrg = (String) ((Map<?, ?>) me.get("organization")).get("id");
        assertThat(currentOrg).as("accepting makes the organisation current").isEqualTo(orgId);
        return new Person(new Browser(session, xsrf, userId, currentOrg), email);
    }

    WebTestClient.ResponseSpec changeRole(Person actor, String orgId, String userId, String role) {
        return web.method(HttpMethod.PATCH).uri("/api/v1/orgs/" + orgId + "/members/" + userId)
                .cookie("SESSION", actor.browser().session())
                .cookie("XSRF-TOKEN", actor.browser().xsrf())
                .header("X-XSRF-TOKEN", actor.browser().xsrf())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("role", role))
                .exchange();
    }

    WebTestClient.ResponseSpec delete(Person actor, String path) {
        return web.delete().uri(path)
                .cookie("SESSION", actor.browser().session())
                .cookie("XSRF-TOKEN", actor.browser().xsrf())
                .header("X-XSRF-TOKEN", actor.browser().xsrf())
                .exchange();
    }

    WebTestClient.ResponseSpec get(Person actor, String path) {
        return web.get().uri(path).cookie("SESSION", actor.browser().session()).exchange();
    }
}
