package dev.switchboard.api.admin.catalog;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.switchboard.api.identity.ApiIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's catalog routes, with catalog-service replaced by {@link CatalogAdminStub}. Pointing
 * the catalog URL at the stub gives this class its own application context.
 */
class CatalogAdminProxyTests extends ApiIntegrationTest {

    @DynamicPropertySource
    static void catalogStub(DynamicPropertyRegistry registry) {
        registry.add("switchboard.catalog-url", () -> CatalogAdminStub.instance().url());
    }

    private static final String FILE = "{\"data\":[{\"id\":\"x/y\",\"pricing\":{\"prompt\":\"0.000001\"}}]}";

    @Test
    void anImportIsForwardedWithTheInternalTokenAndTheFileAndQueryUnchanged() {
        web.post().uri("/api/admin/catalog/import?format=openrouter")
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(FILE)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().json(CatalogAdminStub.ACCEPTED);

        List<CatalogAdminStub.Received> imports = CatalogAdminStub.instance().received("/internal/catalog/import");
        assertThat(imports).isNotEmpty();
        CatalogAdminStub.Received forwarded = imports.getLast();
        assertThat(forwarded.method()).isEqualTo("POST");
        assertThat(forwarded.uri()).isEqualTo("/internal/catalog/import?format=openrouter");
        assertThat(forwarded.authorization()).isEqualTo("Bearer test-token");
        assertThat(forwarded.contentType()).startsWith("application/json");
        assertThat(forwarded.body()).isEqualTo(FILE);
    }

    @Test
    void aRefusedImportReachesTheOperatorWithCatalogServicesStatusAndBody() {
        web.post().uri("/api/admin/catalog/import?format=openrouter")
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"data\":[\"bad\"]}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().json(CatalogAdminStub.REFUSED);
    }

    @Test
    void aStatusSwitchIsForwardedAsAPut() {
        web.put().uri("/api/admin/catalog/providers/groq/status")
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("status", "down", "reason", "incident 42"))
                .exchange()
                .expectStatus().isOk();

        CatalogAdminStub.Received forwarded =
                CatalogAdminStub.instance().received("/internal/catalog/providers/groq/status").getLast();
        assertThat(forwarded.method()).isEqualTo("PUT");
        assertThat(forwarded.body()).contains("\"reason\":\"incident 42\"");
    }

    @Test
    void onlyTheOperatorTokenReachesTheCatalog() {
        int before = CatalogAdminStub.instance().received("/internal/catalog/import").size();
        web.post().uri("/api/admin/catalog/import?format=openrouter")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(FILE)
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.error.code").isEqualTo(401);
        Browser browser = signUp(uniqueEmail("not-operator"));
        String key = (String) createKey(browser, Map.of("name", "k")).get("key");
        web.post().uri("/api/admin/catalog/import?format=openrouter")
                .header("Authorization", "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(FILE)
                .exchange()
                .expectStatus().isForbidden();

        assertThat(CatalogAdminStub.instance().received("/internal/catalog/import")).hasSize(before);
    }
}
