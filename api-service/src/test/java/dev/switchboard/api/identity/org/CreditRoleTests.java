package dev.switchboard.api.identity.org;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import dev.switchboard.api.identity.BillingStub;

import static org.assertj.core.api.Assertions.assertThat;

/** Buying credits spends the organisation's card: owners and admins only; every member may read. */
class CreditRoleTests extends OrgTestSupport {

    @Test
    void aMemberMayReadPurchasesAndSettingsButNotBuyOrChangeAutoTopUp() {
        Person owner = person("credit-owner");
        String org = createOrg(owner, "Credits Ltd");
        Person member = join(owner, org, "member");

        post(member.browser(), "/api/v1/credits/checkout")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"amount\": 10}")
                .exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.error.code").isEqualTo(403);
        web.put().uri("/api/v1/credits/settings")
                .cookie("SESSION", member.browser().session())
                .cookie("XSRF-TOKEN", member.browser().xsrf())
                .header("X-XSRF-TOKEN", member.browser().xsrf())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"low_balance_alert_usd\": 1}")
                .exchange()
                .expectStatus().isForbidden();
        web.get().uri("/api/v1/credits/purchases").cookie("SESSION", member.browser().session())
                .exchange().expectStatus().isOk();
        web.get().uri("/api/v1/credits/settings").cookie("SESSION", member.browser().session())
                .exchange().expectStatus().isOk();
        assertThat(BillingStub.instance().purchases().calls("/internal/orgs/" + org + "/checkout")).isEmpty();
    }

    @Test
    void anAdminBuysForTheOrganisation() {
        Person owner = person("credit-owner2");
        String org = createOrg(owner, "Credits Two");
        Person admin = join(owner, org, "admin");

        post(admin.browser(), "/api/v1/credits/checkout")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"amount\": 10}")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.data.session_id").isEqualTo("cs_stub_" + org);
    }
}
