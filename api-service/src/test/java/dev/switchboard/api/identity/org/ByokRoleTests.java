package dev.switchboard.api.identity.org;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Owners and admins manage the organisation's BYOK keys; members only see their masks. */
class ByokRoleTests extends OrgTestSupport {

    @Test
    void membersMayReadButNotChangeTheOrganisationsByokKeys() {
        Person owner = person("byok-role-owner");
        String org = createOrg(owner, "Byok roles");
        switchTo(owner, org).expectStatus().isOk();
        Person admin = join(owner, org, "admin");
        Person member = join(owner, org, "member");

        String id = (String) ((Map<?, ?>) post(admin.browser(), "/api/v1/byok").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("provider", "openai", "key", "sk-role-0123456789abcd"))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("data")).get("id");

        post(member.browser(), "/api/v1/byok").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("provider", "anthropic", "key", "sk-role-0123456789abcd"))
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.error.code").isEqualTo(403);
        web.patch().uri("/api/v1/byok/" + id)
                .cookie("SESSION", member.browser().session()).cookie("XSRF-TOKEN", member.browser().xsrf())
                .header("X-XSRF-TOKEN", member.browser().xsrf())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("disabled", true))
                .exchange().expectStatus().isForbidden();
        web.delete().uri("/api/v1/byok/" + id)
                .cookie("SESSION", member.browser().session()).cookie("XSRF-TOKEN", member.browser().xsrf())
                .header("X-XSRF-TOKEN", member.browser().xsrf())
                .exchange().expectStatus().isForbidden();
        web.get().uri("/api/v1/byok").cookie("SESSION", member.browser().session())
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.data.length()").isEqualTo(1)
                .jsonPath("$.data[0].label").isEqualTo("sk-…abcd")
                .jsonPath("$.data[0].disabled").isEqualTo(false);
        web.delete().uri("/api/v1/byok/" + id)
                .cookie("SESSION", owner.browser().session()).cookie("XSRF-TOKEN", owner.browser().xsrf())
                .header("X-XSRF-TOKEN", owner.browser().xsrf())
                .exchange().expectStatus().isOk();
    }
}
