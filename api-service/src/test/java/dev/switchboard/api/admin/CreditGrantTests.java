package dev.switchboard.api.admin;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import dev.switchboard.api.identity.ApiIntegrationTest;
import dev.switchboard.api.identity.BillingStub;

import static org.assertj.core.api.Assertions.assertThat;

class CreditGrantTests extends ApiIntegrationTest {

    @Test
    void aGrantNeedsTheOperatorToken() {
        Browser browser = signUp(uniqueEmail("greedy"));
        String body = "{\"email\":\"x@example.com\",\"amount_usd\":5,\"note\":\"n\"}";
        web.post().uri("/api/admin/credits")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isUnauthorized();
        post(browser, "/api/admin/credits")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isForbidden()
                .expectBody()
                .jsonPath("$.error.code").isEqualTo(403);
        String key = (String) createKey(browser, Map.of("name", "k")).get("key");
        web.post().uri("/api/admin/credits")
                .header("Authorization", "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void aGrantSendsTheExactNanosToBillingOnceOpenedAndReportsTheTotals() {
        String email = uniqueEmail("granted");
        Browser browser = signUp(email);

        web.post().uri("/api/admin/credits")
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Idempotency-Key", "ticket-" + browser.orgId())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"email\":\"" + email.toUpperCase() + "\",\"amount_usd\":12.345678901,\"note\":\"welcome\"}")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.organization_id").isEqualTo(browser.orgId())
                .jsonPath("$.data.amount_usd").isEqualTo(12.345678901)
                .jsonPath("$.data.total_credits").isEqualTo(12.345678901)
                .jsonPath("$.data.total_usage").isEqualTo(0);

        List<BillingStub.Received> grants = BillingStub.instance().received("/internal/grants").stream()
                .filter(r -> r.body().get("orgId").stringValue().equals(browser.orgId()))
                .toList();
        assertThat(grants).hasSize(1);
        assertThat(grants.getFirst().body().get("amountNanos").longValue()).isEqualTo(12_345_678_901L);
        assertThat(grants.getFirst().body().get("transferId").stringValue()).isEqualTo("grant-ticket-" + browser.orgId());
        assertThat(grants.getFirst().body().get("note").stringValue()).isEqualTo("welcome");
        assertThat(grants.getFirst().authorization()).isEqualTo("Bearer test-token");
    }

    @Test
    void aGrantRefusesBadAmountsAndUnknownUsers() {
        String email = uniqueEmail("badgrant");
        signUp(email);
        for (String amount : new String[] {"0", "-1", "1000000.000000001", "0.0000000001", "null"}) {
            web.post().uri("/api/admin/credits")
                    .header("Authorization", "Bearer " + ADMIN_TOKEN)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"email\":\"" + email + "\",\"amount_usd\":" + amount + "}")
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectBody()
                    .jsonPath("$.error.code").isEqualTo(400);
        }
        web.post().uri("/api/admin/credits")
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"email\":\"nobody-" + email + "\",\"amount_usd\":1}")
                .exchange()
                .expectStatus().isNotFound()
                .expectBody()
                .jsonPath("$.error.code").isEqualTo(404);
    }
}
