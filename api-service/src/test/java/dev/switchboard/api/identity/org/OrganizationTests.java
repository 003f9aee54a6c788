package dev.switchboard.api.identity.org;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import dev.switchboard.api.identity.BillingStub;

import static org.assertj.core.api.Assertions.assertThat;

class OrganizationTests extends OrgTestSupport {

    @Test
    void aCreatedOrganisationHasItsCreatorAsOwnerAndACreditAccount() {
        Person ada = person("ada");
        String acme = createOrg(ada, "Acme");

        assertThat(BillingStub.instance().received("/internal/accounts"))
                .anySatisfy(r -> assertThat(r.body().get("orgId").stringValue()).isEqualTo(acme));
        get(ada, "/api/v1/orgs").expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.length()").isEqualTo(2)
                .jsonPath("$.data[0].id").isEqualTo(ada.browser().orgId())
                .jsonPath("$.data[0].personal").isEqualTo(true)
                .jsonPath("$.data[0].current").isEqualTo(true)
                .jsonPath("$.data[0].role").isEqualTo("owner")
                .jsonPath("$.data[1].id").isEqualTo(acme)
                .jsonPath("$.data[1].name").isEqualTo("Acme")
                .jsonPath("$.data[1].personal").isEqualTo(false)
                .jsonPath("$.data[1].current").isEqualTo(false)
                .jsonPath("$.data[1].role").isEqualTo("owner");
    }

    @Test
    void switchingMovesTheSessionsCurrentOrganisationButNotItsKeys() {
        Person ada = person("switcher");
        String personalKey = (String) createKey(ada.browser(), Map.of("name", "personal key")).get("key");
        String acme = createOrg(ada, "Acme");

        switchTo(ada, acme).expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.id").isEqualTo(acme)
                .jsonPath("$.data.current").isEqualTo(true);

        get(ada, "/auth/me").expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.organization.id").isEqualTo(acme)
                .jsonPath("$.data.organization.role").isEqualTo("owner");
        get(ada, "/api/v1/orgs").expectBody().jsonPath("$.data[?(@.current == true)].id").isEqualTo(acme);
        Map<?, ?> acmeKey = (Map<?, ?>) createKey(ada.browser(), Map.of("name", "acme key")).get("data");
        assertThat(acmeKey.get("workspace_id")).isEqualTo(acme);
        get(ada, "/api/v1/keys").expectBody()
                .jsonPath("$.data.length()").isEqualTo(1)
                .jsonPath("$.data[0].name").isEqualTo("acme key");

        web.get().uri("/api/v1/key").header("Authorization", "Bearer " + personalKey)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.label").exists();
        web.get().uri("/api/v1/keys").header("Authorization", "Bearer " + personalKey)
                .exchange()
                .expectStatus().isForbidden();
        switchTo(ada, ada.browser().orgId()).expectStatus().isOk();
        get(ada, "/api/v1/keys").expectBody()
                .jsonPath("$.data.length()").isEqualTo(1)
                .jsonPath("$.data[0].name").isEqualTo("personal key");
    }

    @Test
    void anOrganisationOneDoesNotBelongToCannotBeSwitchedTo() {
        Person ada = person("ada");
        Person eve = person("eve");
        String acme = createOrg(ada, "Acme");

        switchTo(eve, acme).expectStatus().isNotFound()
                .expectBody().jsonPath("$.error.code").isEqualTo(404);
        switchTo(eve, ada.browser().orgId()).expectStatus().isNotFound();
        get(eve, "/auth/me").expectBody().jsonPath("$.data.organization.id").isEqualTo(eve.browser().orgId());
    }

    @Test
    void badOrganisationRequestsAreClearErrors() {
        Person ada = person("ada");
        post(ada.browser(), "/api/v1/orgs").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "  "))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.message").isEqualTo("name must be 1 to 100 characters");
        post(ada.browser(), "/auth/org").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of())
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.message").isEqualTo("org_id is required");
        web.post().uri("/api/v1/orgs").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "x"))
                .exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void membersAreListedInOpenRoutersShapeForTheCurrentOrganisationOnly() {
        Person ada = person("ada");
        String acme = createOrg(ada, "Acme");
        Person bob = join(ada, acme, "member");
        Person eve = person("eve");

        switchTo(ada, acme).expectStatus().isOk();
        get(ada, "/api/v1/organization/members?limit=10").expectStatus().isOk()
                .expectBody()
                .jsonPath("$.total_count").isEqualTo(2)
                .jsonPath("$.data.length()").isEqualTo(2)
                .jsonPath("$.data[0].id").isEqualTo(ada.userId())
                .jsonPath("$.data[0].email").isEqualTo(ada.email())
                .jsonPath("$.data[0].role").isEqualTo("org:owner")
                .jsonPath("$.data[0].first_name").doesNotExist()
                .jsonPath("$.data[1].id").isEqualTo(bob.userId())
                .jsonPath("$.data[1].role").isEqualTo("org:member");
        get(ada, "/api/v1/organization/members?offset=1&limit=1").expectBody()
                .jsonPath("$.total_count").isEqualTo(2)
                .jsonPath("$.data.length()").isEqualTo(1)
                .jsonPath("$.data[0].id").isEqualTo(bob.userId());
        get(ada, "/api/v1/organization/members?limit=101").expectStatus().isBadRequest();

        String management = (String) createKey(ada.browser(), Map.of("name", "ops", "is_management_key", true)).get("key");
        web.get().uri("/api/v1/organization/members").header("Authorization", "Bearer " + management)
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.total_count").isEqualTo(2);
        String inference = (String) createKey(ada.browser(), Map.of("name", "app")).get("key");
        web.get().uri("/api/v1/organization/members").header("Authorization", "Bearer " + inference)
                .exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.error.message").isEqualTo("This endpoint needs a signed-in session or a management key");

        get(eve, "/api/v1/organization/members").expectStatus().isOk()
                .expectBody()
                .jsonPath("$.total_count").isEqualTo(1)
                .jsonPath("$.data[0].id").isEqualTo(eve.userId());
    }

    @Test
    void anotherOrganisationsMembersAndInvitesAreNotFound() {
        Person ada = person("ada");
        String acme = createOrg(ada, "Acme");
        Person bob = join(ada, acme, "member");
        Person eve = person("eve");
        String eveOrg = createOrg(eve, "Evil");

        get(eve, "/api/v1/orgs/" + acme + "/invites").expectStatus().isNotFound();
        invite(eve, acme, uniqueEmail("mole"), "owner").expectStatus().isNotFound();
        changeRole(eve, acme, bob.userId(), "owner").expectStatus().isNotFound();
        delete(eve, "/api/v1/orgs/" + acme + "/members/" + bob.userId()).expectStatus().isNotFound();
        // Eve's own organisation in the path does not reach Ada's members or invites either.
        changeRole(eve, eveOrg, bob.userId(), "member").expectStatus().isNotFound()
                .expectBody().jsonPath("$.error.message").isEqualTo("Member not found");
        delete(eve, "/api/v1/orgs/" + eveOrg + "/members/" + ada.userId()).expectStatus().isNotFound();
        invite(ada, acme, uniqueEmail("carol"), "member").expectStatus().isCreated();
        String adaInvite = (String) ((Map<?, ?>) ((List<?>) get(ada, "/api/v1/orgs/" + acme + "/invites")
                .expectBody(Map.class).returnResult().getResponseBody().get("data")).getFirst()).get("id");
        delete(eve, "/api/v1/orgs/" + eveOrg + "/invites/" + adaInvite).expectStatus().isNotFound();
        get(ada, "/api/v1/orgs/" + acme + "/invites").expectBody().jsonPath("$.data[0].status").isEqualTo("pending");
        get(eve, "/api/v1/orgs/" + eveOrg + "/invites").expectStatus().isOk().expectBody().jsonPath("$.data.length()").isEqualTo(0);
    }

    @Test
    void aRemovedMembersSessionFallsBackToTheirPersonalOrganisation() {
        Person ada = person("ada");
        String acme = createOrg(ada, "Acme");
        Person bob = join(ada, acme, "member");
        get(bob, "/auth/me").expectBody().jsonPath("$.data.organization.id").isEqualTo(acme);

        delete(ada, "/api/v1/orgs/" + acme + "/members/" + bob.userId()).expectStatus().isOk()
                .expectBody().jsonPath("$.deleted").isEqualTo(true);

        Map<?, ?> me = (Map<?, ?>) get(bob, "/auth/me").expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("data");
        String current = (String) ((Map<?, ?>) me.get("organization")).get("id");
        assertThat(current).isNotEqualTo(acme);
        get(bob, "/api/v1/orgs").expectBody()
                .jsonPath("$.data.length()").isEqualTo(1)
                .jsonPath("$.data[0].id").isEqualTo(current)
                .jsonPath("$.data[0].personal").isEqualTo(true);
    }
}
