package dev.switchboard.api.byok;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

import dev.switchboard.api.identity.ApiIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class ByokApiTests extends ApiIntegrationTest {

    private static final String SECRET = "sk-proj-0123456789abcdefghijWXYZ";

    @Autowired
    DatabaseClient db;
    @Autowired
    ByokKeys keys;
    @Autowired
    ByokCredentials credentials;

    @Test
    void aCreatedKeyIsStoredEncryptedAndOnlyEverShownMasked() {
        Browser browser = signUp(uniqueEmail("byok"));
        Map<?, ?> data = create(browser, Map.of("provider", "openai", "key", SECRET, "name", "Prod"));

        assertThat(data.get("label")).isEqualTo("sk-…WXYZ");
        assertThat(data.get("provider")).isEqualTo("openai");
        assertThat(data.get("priority")).isEqualTo("prioritized");
        assertThat(data.get("is_fallback")).isEqualTo(false);
        assertThat(data.get("workspace_id")).isEqualTo(browser.orgId());
        assertThat(data.toString()).doesNotContain("0123456789");

        String id = (String) data.get("id");
        String listed = web.get().uri("/api/v1/byok").cookie("SESSION", browser.session())
                .exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(listed).contains(id).contains("\"total_count\":1").doesNotContain("0123456789");

        Map<String, Object> row = db.sql("SELECT * FROM byok_keys WHERE id = :id").bind("id", UUID.fromString(id))
                .fetch().one().block();
        assertThat(row.get("master_key_id")).isEqualTo("default");
        assertThat(row.values()).noneMatch(value -> text(value).contains("0123456789"));

        assertThat(credentials.forOrg(UUID.fromString(browser.orgId())).block().forProvider("openai"))
                .get()
                .satisfies(credential -> {
                    assertThat(credential.apiKey()).isEqualTo(SECRET);
                    assertThat(credential.toString()).doesNotContain(SECRET);
                });
    }

    @Test
    void updatesChangePriorityAndNameAndReplaceTheSecretAndDeleteRemovesIt() {
        Browser browser = signUp(uniqueEmail("byok-edit"));
        String id = (String) create(browser, Map.of("provider", "anthropic", "key", "sk-ant-oldoldoldold1111")).get("id");

        patch(browser, id, Map.of("priority", "always", "name", "Team", "key", "sk-ant-newnewnewnew2222"))
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.priority").isEqualTo("always")
                .jsonPath("$.data.name").isEqualTo("Team")
                .jsonPath("$.data.label").isEqualTo("sk-…2222");
        patch(browser, id, Map.of("is_fallback", true))
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.priority").isEqualTo("fallback")
                .jsonPath("$.data.is_fallback").isEqualTo(true);
        assertThat(credentials.forOrg(UUID.fromString(browser.orgId())).block().forProvider("anthropic").orElseThrow().apiKey())
                .isEqualTo("sk-ant-newnewnewnew2222");

        delete(browser, id).expectStatus().isOk().expectBody().jsonPath("$.deleted").isEqualTo(true);
        web.get().uri("/api/v1/byok/" + id).cookie("SESSION", browser.session()).exchange().expectStatus().isNotFound();
        assertThat(credentials.forOrg(UUID.fromString(browser.orgId())).block().isEmpty()).isTrue();
    }

    @Test
    void anotherOrganisationGets404ForEveryRouteAndSeesNothingInItsList() {
        Browser owner = signUp(uniqueEmail("byok-owner"));
        Browser other = signUp(uniqueEmail("byok-other"));
        String id = (String) create(owner, Map.of("provider", "openai", "key", SECRET)).get("id");

        web.get().uri("/api/v1/byok/" + id).cookie("SESSION", other.session())
                .exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.error.code").isEqualTo(404);
        patch(other, id, Map.of("disabled", true)).expectStatus().isNotFound();
        delete(other, id).expectStatus().isNotFound();
        web.get().uri("/api/v1/byok").cookie("SESSION", other.session())
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.data.length()").isEqualTo(0).jsonPath("$.total_count").isEqualTo(0);
        web.get().uri("/api/v1/byok/" + id).cookie("SESSION", owner.session())
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.data.disabled").isEqualTo(false);
    }

    @Test
    void baseUrlsIntoThePlatformsNetworkAreRefusedAndPublicOnesAccepted() {
        Browser browser = signUp(uniqueEmail("byok-ssrf"));
        for (String url : List.of("http://127.0.0.1:8080/v1", "http://169.254.169.254/latest", "http://localhost:6379",
                "http://10.0.0.1/v1", "http://[::1]/v1", "http://[fd12::1]/v1", "http://0.0.0.0/")) {
            post(browser, "/api/v1/byok").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("provider", "vllm", "key", "token-abcdefghijkl", "base_url", url))
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.error.message").value(message ->
                            assertThat((String) message).contains("only public addresses are allowed"));
        }
        String id = (String) create(browser, Map.of("provider", "vllm", "key", "token-abcdefghijkl",
                "base_url", "https://93.184.215.14/v1")).get("id");
        patch(browser, id, Map.of("base_url", "http://192.168.0.10/v1")).expectStatus().isBadRequest();
        web.get().uri("/api/v1/byok").cookie("SESSION", browser.session())
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.data.length()").isEqualTo(1)
                .jsonPath("$.data[0].base_url").isEqualTo("https://93.184.215.14/v1");
    }

    @Test
    void badInputIsA400InOpenRoutersShape() {
        Browser browser = signUp(uniqueEmail("byok-bad"));
        for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of("key", SECRET), Map.of("provider", "openai"),
                Map.of("provider", "Open AI", "key", SECRET), Map.of("provider", "openai", "key", "has space"),
                Map.of("provider", "openai", "key", SECRET, "priority", "sometimes"))) {
            post(browser, "/api/v1/byok").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                    .exchange().expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.error.code").isEqualTo(400);
        }
    }

    @Test
    void reencryptionMovesEverySecretToTheNewActiveMasterKey() {
        Browser browser = signUp(uniqueEmail("byok-rotate"));
        String id = (String) create(browser, Map.of("provider", "openai", "key", SECRET)).get("id");
        UUID org = UUID.fromString(browser.orgId());
        SecretCipher rotated = SecretCipherTest.cipher(
                Map.of("default", MASTER_KEY, "next", SecretCipherTest.KEY_TWO), "next");

        ByokReencryption.Result result = new ByokReencryption(keys, rotated).reencryptAll().block();
        assertThat(result.reencrypted()).isGreaterThanOrEqualTo(1);
        assertThat(result.unreadable()).isZero();

        ByokKey stored = keys.find(org, UUID.fromString(id)).block();
        assertThat(stored.secret().masterKeyId()).isEqualTo("next");
        assertThat(SecretCipherTest.cipher(Map.of("next", SecretCipherTest.KEY_TWO), "next")
                .open(org, stored.id(), stored.secret())).isEqualTo(SECRET);
        assertThat(new ByokReencryption(keys, rotated).reencryptAll().block().reencrypted()).isZero();
    }

    @Test
    void onlyTheOperatorMayTriggerReencryption() {
        Browser browser = signUp(uniqueEmail("byok-op"));
        post(browser, "/api/admin/byok/reencrypt").exchange().expectStatus().isForbidden();
        web.post().uri("/api/admin/byok/reencrypt").header("Authorization", "Bearer " + ADMIN_TOKEN)
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.data.active_key_id").isEqualTo("default");
    }

    private Map<?, ?> create(Browser browser, Map<String, Object> body) {
        Map<?, ?> response = post(browser, "/api/v1/byok").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (Map<?, ?>) response.get("data");
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec patch(Browser browser, String id,
                                                                                          Map<String, Object> body) {
        return web.patch().uri("/api/v1/byok/" + id)
                .cookie("SESSION", browser.session()).cookie("XSRF-TOKEN", browser.xsrf())
                .header("X-XSRF-TOKEN", browser.xsrf())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec delete(Browser browser, String id) {
        return web.delete().uri("/api/v1/byok/" + id)
                .cookie("SESSION", browser.session()).cookie("XSRF-TOKEN", browser.xsrf())
                .header("X-XSRF-TOKEN", browser.xsrf())
                .exchange();
    }

    private static String text(Object value) {
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        return String.valueOf(value);
    }
}
