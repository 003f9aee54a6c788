package dev.switchboard.catalog.importing;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.switchboard.catalog.CatalogIntegrationTest;
import dev.switchboard.contracts.catalog.CatalogSnapshot;
import dev.switchboard.contracts.catalog.EndpointInfo;
import dev.switchboard.contracts.catalog.ModelInfo;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogImportTests extends CatalogIntegrationTest {


    private WebTestClient.ResponseSpec importFile(String format, String body) {
        return internal().post().uri("/internal/catalog/import?format={format}", format)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private ImportResult imported(String format, String body) {
        return importFile(format, body)
                .expectStatus().isOk()
                .expectBody(ImportResult.class).returnResult().getResponseBody();
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

    private long count(String sql) {
        return db.sql(sql).map(row -> row.get(0, Long.class)).one().block(Duration.ofSeconds(5));
    }

    private static String openRouterModel(String id, String name, String prompt, String completion) {
        return """
                {"id":"%s","canonical_slug":"%s-20260801","name":"%s","created":1754000000,
                 "description":"A test model.","context_length":65536,
                 "architecture":{"modality":"text->text","input_modalities":["text"],"output_modalities":["text"],
                                 "tokenizer":"Other","instruct_type":null},
                 "pricing":{"prompt":"%s","completion":"%s","request":"0","image":"0","input_cache_read":"0.00000001"},
                 "top_provider":{"context_length":65536,"max_completion_tokens":8192,"is_moderated":false},
                 "supported_parameters":["max_tokens","temperature","tools"]}
                """.formatted(id, id, name, prompt, completion);
    }

    @Test
    void openRouterImportAddsModelsAndLaterAddsPriceRowsOnlyWhereThePriceChanged() {
        ImportResult first = imported("openrouter", "{\"data\":[%s,%s]}".formatted(
                openRouterModel("acme/widget-1", "Acme: Widget 1", "0.000001", "0.000002"),
                openRouterModel("acme/widget-2", "Acme: Widget 2", "0.000003", "0.000004")));

        assertThat(first.models()).isEqualTo(2);
        assertThat(first.pricesChanged()).isEqualTo(2);
        CatalogSnapshot afterFirst = snapshot();
        assertThat(afterFirst.version()).isEqualTo(first.version());
        EndpointInfo widget1 = endpoint(model(afterFirst, "acme/widget-1"), "openrouter");
        assertThat(widget1.upstreamModelId()).isEqualTo("acme/widget-1");
        assertThat(widget1.prices().prompt()).isEqualTo("0.000001");
        assertThat(widget1.prices().cacheRead()).isEqualTo("0.00000001");
        assertThat(widget1.maxCompletionTokens()).isEqualTo(8192L);

        ImportResult second = imported("openrouter", "{\"data\":[%s,%s]}".formatted(
                openRouterModel("acme/widget-1", "Acme: Widget 1 (renamed)", "0.0000015", "0.000002"),
                openRouterModel("acme/widget-2", "Acme: Widget 2", "0.000003", "0.000004")));

        assertThat(second.pricesChanged()).isEqualTo(1);
        CatalogSnapshot afterSecond = snapshot();
        assertThat(model(afterSecond, "acme/widget-1").name()).isEqualTo("Acme: Widget 1 (renamed)");
        assertThat(endpoint(model(afterSecond, "acme/widget-1"), "openrouter").prices().prompt()).isEqualTo("0.0000015");
        assertThat(endpoint(model(afterSecond, "acme/widget-2"), "openrouter").prices().id())
                .isEqualTo(endpoint(model(afterFirst, "acme/widget-2"), "openrouter").prices().id());
        assertThat(count("SELECT count(*) FROM price p JOIN endpoint e ON e.id = p.endpoint_id"
                + " WHERE e.model_id = 'acme/widget-1'")).isEqualTo(2);
    }

    @Test
    void oneMalformedPriceRefusesTheWholeFileNamingTheEntryAndFieldAndChangesNothing() {
        String before = snapshot().version();
        long models = count("SELECT count(*) FROM model");
        long prices = count("SELECT count(*) FROM price");

        importFile("openrouter", "{\"data\":[%s,%s]}".formatted(
                        openRouterModel("acme/good", "Acme: Good", "0.000001", "0.000002"),
                        openRouterModel("acme/bad", "Acme: Bad", "cheap", "0.000002")))
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.error.code").isEqualTo(400)
                .jsonPath("$.error.message")
                .isEqualTo("entry 'acme/bad': field 'pricing.prompt' must be a decimal USD amount such as \"0.0000025\"")
                .jsonPath("$.error.metadata.entry").isEqualTo("acme/bad")
                .jsonPath("$.error.metadata.field").isEqualTo("pricing.prompt");

        assertThat(count("SELECT count(*) FROM model")).isEqualTo(models);
        assertThat(count("SELECT count(*) FROM price")).isEqualTo(prices);
        assertThat(snapshot().version()).isEqualTo(before);
    }

    @Test
    void missingRequiredFieldAndNonJsonAndUnknownFormatAreRefusedAsJson() {
        importFile("openrouter", "{\"data\":[{\"id\":\"acme/nameless\",\"created\":1,\"context_length\":10,"
                        + "\"pricing\":{\"prompt\":\"0\",\"completion\":\"0\"}}]}")
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.error.metadata.entry").isEqualTo("acme/nameless")
                .jsonPath("$.error.metadata.field").isEqualTo("name");
        importFile("openrouter", "{\"data\": [")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.message").value(m -> assertThat((String) m).startsWith("the catalog file is not valid JSON"));
        importFile("csv", "{}")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.metadata.field").isEqualTo("format");
        assertThat(count("SELECT count(*) FROM model WHERE id = 'acme/nameless'")).isZero();
    }

    @Test
    void liteLlmImportJoinsKnownUpstreamIdsToTheirModelAddsNewOnesAndSkipsWhatTheCatalogCannotHold() {
        imported("openrouter", "{\"data\":[%s]}".formatted(
                openRouterModel("acme/joinable-7b", "Acme: Joinable 7B", "0.000001", "0.000001")));

        ImportResult result = imported("litellm", """
                {"sample_spec": {"litellm_provider": "one of ...", "mode": "one of ..."},
                 "together_ai/AcmeCo/Joinable-7B": {"litellm_provider": "together_ai", "mode": "chat",
                     "input_cost_per_token": 2e-07, "output_cost_per_token": 2e-07, "max_tokens": 32768},
                 "together_ai/AcmeCo/Joinable-7B-Instruct-Turbo": {"litellm_provider": "together_ai", "mode": "chat",
                     "input_cost_per_token": 3e-07, "output_cost_per_token": 3e-07, "max_tokens": 32768},
                 "nscale/meta-llama/Llama-3.1-8B-Instruct": {"litellm_provider": "nscale", "mode": "chat",
                     "input_cost_per_token": 4e-08, "output_cost_per_token": 4e-08, "max_input_tokens": 131072,
                     "max_output_tokens": 8192.0},
                 "cerebras/acme-70b-fp8": {"litellm_provider": "cerebras", "mode": "chat",
                     "input_cost_per_token": 1.5e-07, "output_cost_per_token": 6.0e-07, "max_tokens": 32768,
                     "supports_function_calling": true, "supports_vision": true},
                 "text-embedding-acme": {"litellm_provider": "openai", "mode": "embedding",
                     "input_cost_per_token": 1e-08, "max_input_tokens": 8191},
                 "bedrock/acme.thing-v1": {"litellm_provider": "bedrock", "mode": "chat",
                     "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06, "max_tokens": 1000}}
                """);

        assertThat(result.endpoints()).isEqualTo(4);
        assertThat(result.skipped()).isEqualTo(3);
        CatalogSnapshot snapshot = snapshot();
        assertThat(endpoint(model(snapshot, "acme/joinable-7b"), "together").upstreamModelId())
                .as("joined by name to the model it names").isEqualTo("AcmeCo/Joinable-7B");
        assertThat(endpoint(model(snapshot, "together/acmeco-joinable-7b-instruct-turbo"), "together").prices().prompt())
                .as("a second upstream id at the same provider gets a model of its own").isEqualTo("0.0000003");
        EndpointInfo nscale = endpoint(model(snapshot, "meta-llama/llama-3.1-8b-instruct"), "nscale");
        assertThat(nscale.prices().prompt()).isEqualTo("0.00000004");
        assertThat(nscale.maxCompletionTokens()).isEqualTo(8192L);
        assertThat(nscale.supportedParameters()).as("LiteLLM's coarse flags do not replace a known list")
                .contains("logit_bias", "min_p");
        ModelInfo added = model(snapshot, "cerebras/acme-70b-fp8");
        assertThat(added.inputModalities()).containsExactly("text", "image");
        assertThat(db.sql("SELECT tokenizer || ' ' || modality FROM model WHERE id = 'cerebras/acme-70b-fp8'")
                .map(row -> row.get(0, String.class)).one().block(Duration.ofSeconds(5)))
                .as("the fields OpenRouter's schema requires").isEqualTo("Other text+image->text");
        EndpointInfo cerebras = endpoint(added, "cerebras");
        assertThat(cerebras.upstreamModelId()).isEqualTo("acme-70b-fp8");
        assertThat(cerebras.quantization()).isEqualTo("fp8");
        assertThat(cerebras.prices().prompt()).isEqualTo("0.00000015");
        assertThat(cerebras.prices().completion()).isEqualTo("0.0000006");
        assertThat(cerebras.supportedParameters()).contains("tools", "tool_choice");
    }

    @Test
    void liteLlmNegativePriceRefusesTheFile() {
        importFile("litellm", """
                {"groq/acme-small": {"litellm_provider": "groq", "mode": "chat",
                     "input_cost_per_token": -1e-07, "output_cost_per_token": 1e-07, "max_tokens": 8192}}
                """)
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.error.message").isEqualTo("entry 'groq/acme-small': field 'input_cost_per_token' must not be negative")
                .jsonPath("$.error.metadata").isEqualTo(Map.of("entry", "groq/acme-small", "field", "input_cost_per_token"));
        assertThat(count("SELECT count(*) FROM model WHERE id = 'groq/acme-small'")).isZero();
    }
}
