package dev.switchboard.api.identity.org;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each role against each organisation-scoped action (the matrix in docs/architecture.md). One team
 * per class: {@code owner}, a second owner, an {@code admin} and a {@code member} of one organisation,
 * all with it as their current organisation; destructive actions get fresh targets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleMatrixTests extends OrgTestSupport {

    String org;
    Person owner;
    Person secondOwner;
    Person admin;
    Person member;

    @BeforeAll
    void team() {
        owner = person("owner");
        org = createOrg(owner, "Team");
        switchTo(owner, org).expectStatus().isOk();
        secondOwner = join(owner, org, "owner");
        admin = join(owner, org, "admin");
        member = join(owner, org, "member");
    }

    Person actor(String role) {
        return switch (role) {
            case "owner" -> owner;
            case "admin" -> admin;
            case "member" -> member;
            default -> throw new IllegalArgumentException(role);
        };
    }

    @ParameterizedTest(name = "{0} lists members")
    @CsvSource({"owner", "admin", "member"})
    void everyRoleSeesTheMembers(String role) {
        get(actor(role), "/api/v1/organization/members").expectStatus().isOk()
                .expectBody().jsonPath("$.total_count").value(count -> assertThat((Integer) count).isGreaterThanOrEqualTo(4));
    }

    @ParameterizedTest(name = "{0} creates an inference key: {1}, a management key: {2}")
    @CsvSource({"owner, 201, 201", "admin, 201, 201", "member, 201, 403"})
    void keyCreation(String role, int inference, int management) {
        post(actor(role).browser(), "/api/v1/keys").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", role + " app"))
                .exchange()
                .expectStatus().isEqualTo(inference);
        post(actor(role).browser(), "/api/v1/keys").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", role + " ops", "is_management_key", true))
                .exchange()
                .expectStatus().isEqualTo(management);
    }

    @ParameterizedTest(name = "{0} reads, changes and deletes someone else's key: {1}")
    @CsvSource({"owner, 200", "admin, 200", "member, 404"})
    void othersKeys(String role, int expected) {
        Person other = "owner".equals(role) ? admin : secondOwner;
        String hash = (String) ((Map<?, ?>) createKey(other.browser(), Map.of("name", "not yours")).get("data")).get("hash");

        get(actor(role), "/api/v1/keys/" + hash).expectStatus().isEqualTo(expected);
        web.method(HttpMethod.PATCH).uri("/api/v1/keys/" + hash)
                .cookie("SESSION", actor(role).browser().session())
                .cookie("XSRF-TOKEN", actor(role).browser().xsrf())
                .header("X-XSRF-TOKEN", actor(role).browser().xsrf())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "renamed by " + role))
                .exchange()
                .expectStatus().isEqualTo(expected);
        delete(actor(role), "/api/v1/keys/" + hash).expectStatus().isEqualTo(expected);
    }

    @Test
    void aMemberListsOnlyTheirOwnKeysAndManagesThem() {
        String mine = (String) ((Map<?, ?>) createKey(member.browser(), Map.of("name", "member's own")).get("data")).get("hash");
        createKey(owner.browser(), Map.of("name", "owner's"));

        get(member, "/api/v1/keys").expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data[?(@.creator_user_id != '" + member.userId() + "')]").isEmpty()
                .jsonPath("$.data[?(@.hash == '" + mine + "')].name").isEqualTo("member's own");
        get(admin, "/api/v1/keys").expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data[?(@.hash == '" + mine + "')].name").isEqualTo("member's own")
                .jsonPath("$.data[?(@.name == \"owner's\")]").isNotEmpty();
        delete(member, "/api/v1/keys/" + mine).expectStatus().isOk();
    }

    @ParameterizedTest(name = "{0} invites a member: {1}, an admin: {2}, an owner: {3}")
    @CsvSource({"owner, 201, 201, 201", "admin, 201, 201, 403", "member, 403, 403, 403"})
    void inviting(String role, int asMember, int asAdmin, int asOwner) {
        invite(actor(role), org, uniqueEmail("m"), "member").expectStatus().isEqualTo(asMember);
        invite(actor(role), org, uniqueEmail("a"), "admin").expectStatus().isEqualTo(asAdmin);
        invite(actor(role), org, uniqueEmail("o"), "owner").expectStatus().isEqualTo(asOwner);
    }

    @ParameterizedTest(name = "{0} lists and revokes invites: {1}")
    @CsvSource({"owner, 200", "admin, 200", "member, 403"})
    void listingAndRevokingInvites(String role, int expected) {
        String id = (String) ((Map<?, ?>) invite(owner, org, uniqueEmail("pending"), "member").expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("data")).get("id");
        get(actor(role), "/api/v1/orgs/" + org + "/invites").expectStatus().isEqualTo(expected);
        delete(actor(role), "/api/v1/orgs/" + org + "/invites/" + id).expectStatus().isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} makes a member an admin: {1}, an owner: {2}")
    @CsvSource({"owner, 200, 200", "admin, 200, 403", "member, 403, 403"})
    void promoting(String role, int toAdmin, int toOwner) {
        Person target = join(owner, org, "member");
        changeRole(actor(role), org, target.userId(), "admin").expectStatus().isEqualTo(toAdmin);
        changeRole(actor(role), org, target.userId(), "owner").expectStatus().isEqualTo(toOwner);
        if (toOwner == 200) {
            get(target, "/auth/me").expectBody().jsonPath("$.data.organization.role").isEqualTo("owner");
        }
    }

    @ParameterizedTest(name = "{0} demotes an owner: {1}")
    @CsvSource({"owner, 200", "admin, 403", "member, 403"})
    void demotingAnOwner(String role, int expected) {
        Person target = join(owner, org, "owner");
        changeRole(actor(role), org, target.userId(), "member").expectStatus().isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} removes a member: {1}, an admin: {2}, an owner: {3}")
    @CsvSource({"owner, 200, 200, 200", "admin, 200, 200, 403", "member, 403, 403, 403"})
    void removing(String role, int aMember, int anAdmin, int anOwner) {
        delete(actor(role), "/api/v1/orgs/" + org + "/members/" + join(owner, org, "member").userId()).expectStatus().isEqualTo(aMember);
        delete(actor(role), "/api/v1/orgs/" + org + "/members/" + join(owner, org, "admin").userId()).expectStatus().isEqualTo(anAdmin);
        delete(actor(role), "/api/v1/orgs/" + org + "/members/" + join(owner, org, "owner").userId()).expectStatus().isEqualTo(anOwner);
    }

    @ParameterizedTest(name = "a {0} may leave")
    @CsvSource({"member", "admin", "owner"})
    void anyoneButTheLastOwnerMayLeave(String role) {
        Person leaver = join(owner, org, role);
        delete(leaver, "/api/v1/orgs/" + org + "/members/" + leaver.userId()).expectStatus().isOk();
        get(owner, "/api/v1/organization/members?limit=100").expectBody()
                .jsonPath("$.data[?(@.id == '" + leaver.userId() + "')]").isEmpty();
    }

    @Test
    void theLastOwnerCannotLeaveOrStepDown() {
        Person solo = person("solo");
        String alone = createOrg(solo, "Alone");
        Person helper = join(solo, alone, "admin");

        delete(solo, "/api/v1/orgs/" + alone + "/members/" + solo.userId()).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.error.message").isEqualTo("An organization must keep at least one owner");
        changeRole(solo, alone, solo.userId(), "admin").expectStatus().isEqualTo(409);
        delete(solo, "/api/v1/orgs/" + solo.browser().orgId() + "/members/" + solo.userId()).expectStatus().isEqualTo(409);

        changeRole(solo, alone, helper.userId(), "owner").expectStatus().isOk()
                .expectBody().jsonPath("$.data.role").isEqualTo("org:owner");
        changeRole(solo, alone, solo.userId(), "member").expectStatus().isOk();
        changeRole(helper, alone, helper.userId(), "admin").expectStatus().isEqualTo(409);
    }

    @Test
    void twoOwnersDemotingEachOtherAtOnceLeaveOneOwner() {
        Person first = person("first");
        String pair = createOrg(first, "Pair");
        Person second = join(first, pair, "owner");

        CompletableFuture<Integer> byFirst = CompletableFuture.supplyAsync(() -> status(changeRole(first, pair, second.userId(), "member")));
        CompletableFuture<Integer> bySecond = CompletableFuture.supplyAsync(() -> status(changeRole(second, pair, first.userId(), "member")));

        // One demotion goes through; the other is refused, as the last owner's (409) or, when the
        // first committed before the second read its actor's role, as a member's (403).
        List<Integer> statuses = List.of(byFirst.join(), bySecond.join());
        assertThat(statuses).containsOnlyOnce(200).hasSize(2);
        assertThat(statuses).anyMatch(status -> status == 409 || status == 403);
        switchTo(first, pair).expectStatus().isOk();
        get(first, "/api/v1/organization/members").expectBody()
                .jsonPath("$.data[?(@.role == 'org:owner')].id").value(owners -> assertThat((List<?>) owners).hasSize(1));
    }

    private static int status(WebTestClient.ResponseSpec response) {
        return response.returnResult(Void.class).getStatus().value();
    }

    @Test
    void badRolesAreClearErrors() {
        changeRole(owner, org, member.userId(), "emperor").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.message").isEqualTo("role must be owner, admin or member");
        invite(owner, org, "not-an-address", "member").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.message").isEqualTo("email must be a valid address");
    }
}
