package dev.switchboard.api.identity.org;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.switchboard.api.identity.MailInbox;
import dev.switchboard.api.identity.OneTimeToken;

import static org.assertj.core.api.Assertions.assertThat;

class InviteTests extends OrgTestSupport {

    @Autowired
    DatabaseClient db;

    @Test
    void anInviteIsMailedAndAcceptedOnceByItsAddress() {
        Person ada = person("ada");
        String acme = createOrg(ada, "Acme");
        Person bob = person("bob");

        invite(ada, acme, bob.email().toUpperCase(), "admin").expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.data.email").isEqualTo(bob.email())
                .jsonPath("$.data.role").isEqualTo("admin")
                .jsonPath("$.data.status").isEqualTo("pending")
                .jsonPath("$.data.token").doesNotExist();
        MailInbox.Received mail = MailInbox.instance().to(bob.email()).getLast();
        assertThat(mail.subject()).isEqualTo("You are invited to Acme on Switchboard");
        assertThat(mail.body()).contains("/accept-invite?token=" + mail.token());
        String stored = db.sql("SELECT token_hash FROM invites WHERE org_id = :org").bind("org", UUID.fromString(acme))
                .map(row -> row.get("token_hash", String.class)).one().block();
        assertThat(stored).as("only the token's hash is stored").isEqualTo(OneTimeToken.hashOf(mail.token())).isNotEqualTo(mail.token());

        accept(bob, mail.token()).expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.organization.id").isEqualTo(acme)
                .jsonPath("$.data.organization.role").isEqualTo("admin");
        get(bob, "/auth/me").expectBody()
                .jsonPath("$.data.organization.id").isEqualTo(acme)
                .jsonPath("$.data.organization.role").isEqualTo("admin");
        get(ada, "/api/v1/orgs/" + acme + "/invites").expectBody().jsonPath("$.data[0].status").isEqualTo("accepted");

        accept(bob, mail.token()).expectStatus().isEqualTo(410)
                .expectBody().jsonPath("$.error.message").isEqualTo("This invite has already been used");
    }

    @Test
    void withoutAnAccountTheLinkSignsUpWithTheInvitedAddress() {
        Person ada = person("ada");
        String acme = createOrg(ada, "Acme");
        String carol = uniqueEmail("carol");
        invite(ada, acme, carol, "member").expectStatus().isCreated();
        String token = lastToken(carol);

        web.post().uri("/auth/invites/accept").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", token))
                .exchange()
                .expectStatus().isUnauthorized();
        web.post().uri("/auth/invites/accept").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", token, "password", "short"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.message").isEqualTo("password must be 8 to 128 characters");

        Person joined = join(ada, acme, "member");
        get(joined, "/api/v1/orgs").expectBody()
                .jsonPath("$.data.length()").isEqualTo(2)
                .jsonPath("$.data[0].personal").isEqualTo(true)
                .jsonPath("$.data[1].id").isEqualTo(acme)
                .jsonPath("$.data[1].role").isEqualTo("member");
        web.post().uri("/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", joined.email(), "password", PASSWORD))
                .exchange()
                .expectStatus().isOk();

        // The failed attempts above did not use Carol's invite up.
        web.post().uri("/auth/invites/accept").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", token, "password", PASSWORD))
                .exchange()
                .expectStatus().isOk()
                .expectCookie().exists("SESSION");
    }

    @Test
    void anAddressWithAnAccountMustSignInToAccept() {
        Person ada = person("ada");
        String acme = createOrg(ada, "Acme");
        Person bob = person("bob");
        invite(ada, acme, bob.email(), "member").expectStatus().isCreated();

        web.post().uri("/auth/invites/accept").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", lastToken(bob.email()), "password", "another password"))
                .exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.error.message").isEqualTo("An account with this email already exists; sign in, then accept the invite");
        accept(bob, lastToken(bob.email())).expectStatus().isOk();
    }

    @Test
    void anInviteForAnotherAddressIsRefusedAndStaysPending() {
        Person ada = person("ada");
        String acme = createOrg(ada, "Acme");
        Person bob = person("bob");
        Person eve = person("eve");
        invite(ada, acme, bob.email(), "member").expectStatus().isCreated();
        String token = lastToken(bob.email());

        accept(eve, token).expectStatus().isForbidden()
                .expectBody().jsonPath("$.error.message").isEqualTo("This invite was sent to another email address; sign in with that address to accept it");
        switchTo(eve, acme).expectStatus().isNotFound();
        get(ada, "/api/v1/orgs/" + acme + "/invites").expectBody().jsonPath("$.data[0].status").isEqualTo("pending");
        accept(bob, token).expectStatus().isOk();
    }

    @Test
    void anExpiredInviteIsRefused() {
        Person ada = person("ada");
        String acme = createOrg(ada, "Acme");
        Person bob = person("bob");
        invite(ada, acme, bob.email(), "member").expectStatus().isCreated()
                .expectBody().jsonPath("$.data.expires_at").value(expires ->
                        assertThat(Instant.parse((String) expires))
                                .isBetween(Instant.now().plus(Duration.ofDays(7)).minusSeconds(60),
                                        Instant.now().plus(Duration.ofDays(7))));
        String token = lastToken(bob.email());
        // Eight days pass.
        db.sql("UPDATE invites SET created_at = created_at - interval '8 days', expires_at = expires_at - interval '8 days' WHERE token_hash = :hash")
                .bind("hash", OneTimeToken.hashOf(token)).fetch().rowsUpdated().block();

        accept(bob, token).expectStatus().isEqualTo(410)
                .expectBody().jsonPath("$.error.message").isEqualTo("This invite has expired; ask for a new one");
        get(ada, "/api/v1/orgs/" + acme + "/invites").expectBody().jsonPath("$.data[0].status").isEqualTo("expired");
        switchTo(bob, acme).expectStatus().isNotFound();
    }

    @Test
    void aRevokedInviteIsRefusedAndAnUnknownTokenIsNotFound() {
        Person ada = person("ada");
        String acme = createOrg(ada, "Acme");
        Person bob = person("bob");
        String id = (String) ((Map<?, ?>) invite(ada, acme, bob.email(), "member").expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("data")).get("id");

        delete(ada, "/api/v1/orgs/" + acme + "/invites/" + id).expectStatus().isOk();
        delete(ada, "/api/v1/orgs/" + acme + "/invites/" + id).expectStatus().isNotFound();
        accept(bob, lastToken(bob.email())).expectStatus().isEqualTo(410)
                .expectBody().jsonPath("$.error.message").isEqualTo("This invite has been revoked");
        accept(bob, "made-up-token").expectStatus().isNotFound()
                .expectBody().jsonPath("$.error.code").isEqualTo(404);
        get(ada, "/api/v1/orgs/" + acme + "/invites").expectBody().jsonPath("$.data[0].status").isEqualTo("revoked");
    }

    @Test
    void twoAcceptsOfOneLinkAtOnceAdmitOnce() {
        Person ada = person("ada");
        String acme = createOrg(ada, "Acme");
        String carol = uniqueEmail("carol");
        invite(ada, acme, carol, "member").expectStatus().isCreated();
        String token = lastToken(carol);

        List<CompletableFuture<Integer>> accepts = IntStream.range(0, 2)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> web.post().uri("/auth/invites/accept")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("token", token, "password", PASSWORD))
                        .exchange()
                        .returnResult(Void.class).getStatus().value()))
                .toList();

        List<Integer> statuses = accepts.stream().map(CompletableFuture::join).toList();
        assertThat(statuses).containsOnlyOnce(200).hasSize(2);
        assertThat(statuses).anyMatch(status -> status == 409 || status == 410);
        assertThat(db.sql("SELECT count(*) AS n FROM users WHERE email = :email").bind("email", carol)
                .map(row -> row.get("n", Long.class)).one().block()).isEqualTo(1);
        assertThat(db.sql("SELECT count(*) AS n FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = :email AND m.org_id = :org")
                .bind("email", carol).bind("org", UUID.fromString(acme))
                .map(row -> row.get("n", Long.class)).one().block()).isEqualTo(1);
    }

    @Test
    void personalOrganisationsAndExistingMembersCannotBeInvited() {
        Person ada = person("ada");
        invite(ada, ada.browser().orgId(), uniqueEmail("friend"), "member").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.message").isEqualTo("A personal organization has only its owner; create an organization to invite others");
        String acme = createOrg(ada, "Acme");
        Person bob = join(ada, acme, "member");
        invite(ada, acme, bob.email(), "admin").expectStatus().isEqualTo(409);
    }

    private WebTestClient.ResponseSpec accept(Person person, String token) {
        return post(person.browser(), "/auth/invites/accept").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", token))
                .exchange();
    }
}
