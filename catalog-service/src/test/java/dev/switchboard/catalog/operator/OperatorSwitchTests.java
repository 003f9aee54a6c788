package dev.switchboard.catalog.operator;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import dev.switchboard.catalog.CatalogIntegrationTest;
import dev.switchboard.contracts.catalog.CatalogSnapshot;
import dev.switchboard.contracts.catalog.EndpointInfo;
import dev.switchboard.contracts.catalog.ModelInfo;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operator switches and edits. The catalog database is shared with the other test classes of this
 * JVM, so these tests work on models they import themselves ({@code switchtest/…}) and put back the
 * one seed provider they switch.
 */
class OperatorSwitchTests extends CatalogIntegrationTest {


    /** Two models of our own, each with one endpoint at the openrouter provider, all active (the import rebuilds the snapshot). */
    @BeforeEach
    void importOwnModels() {
        String model = """
                {"id":"switchtest/%s","name":"Switch test %s","created":1754000000,"context_length":4096,
                 "pricing":{"prompt":"0.000001","completion":"0.000002"},"supported_parameters":["max_tokens"]}
                """;
        db.sql("UPDATE model SET status = 'active' WHERE id LIKE 'switchtest/%'").then()
                .then(db.sql("UPDATE endpoint SET status = 'active' WHERE model_id LIKE 'switchtest/%'").then())
                .block(Duration.ofSeconds(5));
        internal().post().uri("/internal/catalog/import?format=openrouter")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"data\":[%s,%s]}".formatted(model.formatted("one", "one"), model.formatted("two", "two")))
                .exchange()
                .expectStatus().isOk();
    }

    private CatalogSnapshot snapshot() {
        return internal().get().uri("/internal/catalog/snapshot").exchange()
                .expectStatus().isOk()
                .expectBody(CatalogSnapshot.class).returnResult().getResponseBody();
    }

    private static ModelInfo model(CatalogSnapshot snapshot, String id) {
        return snapshot.models().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    private static EndpointInfo endpoint(ModelInfo model, String provider) {
        return model.endpoints().stream().filter(e -> e.provider().equals(provider)).findFirst().orElseThrow();
    }

    private StatusView put(String uri, Map<String, String> body) {
        return internal().put().uri(uri).bodyValue(body).exchange()
                .expectStatus().isOk()
                .expectBody(StatusView.class).returnResult().getResponseBody();
    }

    @Test
    void endpointMarkedDownIsDownInTheSnapshotAndThePublicListingAtOnceAndComesBack() {
        EndpointInfo endpoint = endpoint(model(snapshot(), "switchtest/one"), "openrouter");

        StatusView down = put("/internal/catalog/endpoints/" + endpoint.id() + "/status",
                Map.of("status", "down", "reason", "upstream 5xx since 10:02"));

        assertThat(down.status()).isEqualTo("down");
        assertThat(down.reason()).isEqualTo("upstream 5xx since 10:02");
        CatalogSnapshot snapshot = snapshot();
        assertThat(snapshot.version()).isEqualTo(down.version());
        assertThat(endpoint(model(snapshot, "switchtest/one"), "openrouter").status()).isEqualTo("down");
        internal().get().uri("/api/v1/models/switchtest/one/endpoints").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.data.endpoints[0].status").isEqualTo(-5);

        put("/internal/catalog/endpoints/" + endpoint.id() + "/status", Map.of("status", "active"));

        assertThat(endpoint(model(snapshot(), "switchtest/one"), "openrouter").status()).isEqualTo("active");
    }

    @Test
    void disabledProviderTakesEveryEndpointWithItAndEnablingRestoresThem() {
        try {
            StatusView disabled = put("/internal/catalog/providers/nscale/status",
                    Map.of("status", "disabled", "reason", "contract ended"));

            assertThat(disabled.kind()).isEqualTo("provider");
            CatalogSnapshot snapshot = snapshot();
            List<EndpointInfo> nscale = snapshot.models().stream()
                    .flatMap(m -> m.endpoints().stream())
                    .filter(e -> e.provider().equals("nscale"))
                    .toList();
            assertThat(nscale).isNotEmpty().allSatisfy(e -> assertThat(e.status()).isEqualTo("disabled"));
            internal().get().uri("/api/v1/models/meta-llama/llama-3.3-70b-instruct/endpoints").exchange()
                    .expectBody()
                    .jsonPath("$.data.endpoints[?(@.tag == 'nscale')].status").isEqualTo(List.of(-10))
                    .jsonPath("$.data.endpoints[?(@.tag == 'cerebras')].status").isEqualTo(List.of(0));
        } finally {
            put("/internal/catalog/providers/nscale/status", Map.of("status", "active"));
        }
        assertThat(snapshot().models().stream().flatMap(m -> m.endpoints().stream())
                .filter(e -> e.provider().equals("nscale")))
                .allSatisfy(e -> assertThat(e.status()).isEqualTo("active"));
    }

    @Test
    void disabledModelLeavesTheListingsWhileADownModelStaysListedWithItsEndpointsDown() {
        put("/internal/catalog/models/switchtest/one/status", Map.of("status", "disabled"));
        put("/internal/catalog/models/switchtest/two/status", Map.of("status", "down", "reason", "maintenance"));

        CatalogSnapshot snapshot = snapshot();
        assertThat(snapshot.models()).extracting(ModelInfo::id).doesNotContain("switchtest/one");
        assertThat(endpoint(model(snapshot, "switchtest/two"), "openrouter").status()).isEqualTo("down");
        internal().get().uri("/api/v1/models/switchtest/one/endpoints").exchange()
                .expectStatus().isNotFound();
        assertThat(db.sql("SELECT status_reason FROM model WHERE id = 'switchtest/two'")
                .map(row -> row.get(0, String.class)).one().block(Duration.ofSeconds(5))).isEqualTo("maintenance");
    }

    @Test
    void endpointAddedToAModelIsRoutableAtOnceWithItsPrice() {
        StatusView added = internal().post().uri("/internal/catalog/models/switchtest/two/endpoints")
                .bodyValue(Map.of("provider", "groq", "upstreamModelId", "switch-two-groq",
                        "maxCompletionTokens", 2048,
                        "prices", Map.of("prompt", "0.0000005", "completion", "0.00000075")))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(StatusView.class).returnResult().getResponseBody();

        EndpointInfo groq = endpoint(model(snapshot(), "switchtest/two"), "groq");
        assertThat(groq.id()).isEqualTo(added.id());
        assertThat(groq.status()).isEqualTo("active");
        assertThat(groq.contextLength()).as("taken from the model").isEqualTo(4096L);
        assertThat(groq.maxCompletionTokens()).isEqualTo(2048L);
        assertThat(groq.prices().prompt()).isEqualTo("0.0000005");
        assertThat(groq.prices().completion()).isEqualTo("0.00000075");

        internal().post().uri("/internal/catalog/models/switchtest/two/endpoints")
                .bodyValue(Map.of("provider", "groq", "upstreamModelId", "switch-two-groq"))
                .exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.error.code").isEqualTo(409);
    }

    @Test
    void unknownStatusUnknownTargetsAndBadPricesAreRefusedAsJson() {
        internal().put().uri("/internal/catalog/providers/nscale/status").bodyValue(Map.of("status", "off"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.message").isEqualTo("status must be one of active, down, disabled");
        internal().put().uri("/internal/catalog/providers/nosuch/status").bodyValue(Map.of("status", "down"))
                .exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.error.code").isEqualTo(404);
        internal().post().uri("/internal/catalog/models/switchtest/two/endpoints")
                .bodyValue(Map.of("provider", "groq", "upstreamModelId", "x", "prices", Map.of("prompt", "-1")))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.metadata.field").isEqualTo("prices.prompt");
        internal().post().uri("/internal/catalog/models/switchtest/nosuch/endpoints")
                .bodyValue(Map.of("provider", "groq", "upstreamModelId", "x"))
                .exchange()
                .expectStatus().isNotFound();
    }
}
