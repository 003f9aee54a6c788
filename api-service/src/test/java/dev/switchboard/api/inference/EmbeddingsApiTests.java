package dev.switchboard.api.inference;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.switchboard.contracts.billing.UsageEvent;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/v1/embeddings}: OpenAI's shape, priced by input tokens, held and settled like chat. */
class EmbeddingsApiTests extends InboundApiIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonNode embed(Account account, String body) {
        return JSON.readTree(web.post().uri("/api/v1/embeddings")
                .header("Authorization", "Bearer " + account.key())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody());
    }

    @Test
    void embeddingsAreAnsweredInOpenAisShapeAndChargedForTheirInputTokens() {
        Account account = fundedAccount("embed", 1_000_000_000L);

        JsonNode answer = embed(account, "{\"model\":\"openai/text-embedding-3-small\",\"input\":[\"first\",\"second\"],\"dimensions\":4}");

        assertThat(answer.path("object").asString()).isEqualTo("list");
        assertThat(answer.path("model").asString()).isEqualTo(CatalogSnapshotStub.EMBEDDING_MODEL);
        assertThat(answer.path("data")).hasSize(2);
        assertThat(answer.path("data").get(1).path("embedding").get(0).doubleValue()).isEqualTo(-0.012505539);
        assertThat(answer.path("usage").path("prompt_tokens").asLong()).isEqualTo(9);
        JsonNode upstream = UPSTREAM.requests.getLast();
        assertThat(upstream.toString()).isEqualTo(
                "{\"model\":\"text-embedding-3-small\",\"input\":[\"first\",\"second\"],\"dimensions\":4}");

        UsageEvent charge = assertBooksBalance(account, 1).getFirst();
        assertThat(charge.api()).isEqualTo(UsageEvent.API_EMBEDDINGS);
        assertThat(charge.promptTokens()).isEqualTo(9);
        assertThat(charge.completionTokens()).isZero();
        assertThat(charge.totalNanos()).isEqualTo(expectedChargeNanos(CatalogSnapshotStub.EMBEDDING_PRICES, 9, 0, 0));
        assertThat(answer.path("usage").path("cost").decimalValue().movePointRight(9).longValueExact()).isEqualTo(charge.totalNanos());
    }

    @Test
    void base64EncodingIsLittleEndianFloat32sOfTheSameVector() {
        Account account = fundedAccount("embed-b64", 1_000_000_000L);

        JsonNode answer = embed(account, "{\"model\":\"openai/text-embedding-3-small\",\"input\":[[1,2],[3]],\"encoding_format\":\"base64\"}");

        ByteBuffer vector = ByteBuffer.wrap(Base64.getDecoder().decode(answer.path("data").get(0).path("embedding").asString()))
                .order(ByteOrder.LITTLE_ENDIAN);
        assertThat(vector.remaining()).isEqualTo(4 * Float.BYTES);
        assertThat(vector.getFloat()).isEqualTo(0.0023064255f);
        assertThat(vector.getFloat()).isEqualTo(-0.009327292f);
        assertThat(UPSTREAM.requests.getLast().has("encoding_format")).isFalse();
        assertBooksBalance(account, 1);
    }

    @Test
    void theWrongKindOfModelIsAClear400AndNothingIsCharged() {
        Account account = fundedAccount("embed-wrong", 1_000_000_000L);

        expect400(account, "/api/v1/embeddings", "{\"model\":\"openai/gpt-4o-mini\",\"input\":\"hi\"}",
                "Model 'openai/gpt-4o-mini' does not produce embeddings: use /api/v1/chat/completions, or an embedding model");
        expect400(account, "/api/v1/chat/completions",
                "{\"model\":\"openai/text-embedding-3-small\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "Model 'openai/text-embedding-3-small' is an embedding model: use /api/v1/embeddings");
        expect400(account, "/api/v1/embeddings", "{\"model\":\"sim/embed-lookalike\",\"input\":\"hi\"}",
                "Model 'sim/embed-lookalike' does not support embeddings through any provider configured here");
        expect400(account, "/api/v1/embeddings", "{\"model\":\"openai/text-embedding-3-small\",\"input\":[]}",
                "'input' is required: a string, an array of strings, or token ids");
        expect400(account, "/api/v1/embeddings", "{\"model\":\"openai/text-embedding-3-small\",\"input\":\"x\",\"encoding_format\":\"int8\"}",
                "'encoding_format' must be 'float' or 'base64'");
        assertThat(charges(account)).isEmpty();
    }

    @Test
    void anAccountThatCannotCoverTheInputIsRefusedWith402BeforeAnyUpstreamCall() {
        Account broke = fundedAccount("embed-broke", 1);
        int upstreamCalls = UPSTREAM.requests.size();
        web.post().uri("/api/v1/embeddings")
                .header("Authorization", "Bearer " + broke.key())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"model\":\"openai/text-embedding-3-small\",\"input\":\"" + "word ".repeat(200) + "\"}")
                .exchange()
                .expectStatus().isEqualTo(402)
                .expectBody()
                .jsonPath("$.error.code").isEqualTo(402)
                .jsonPath("$.error.message").value(message -> assertThat((String) message).endsWith("only 0.000000001 USD is available."));
        assertThat(UPSTREAM.requests).hasSize(upstreamCalls);
        assertThat(charges(broke)).isEmpty();
    }

    private void expect400(Account account, String path, String body, String message) {
        web.post().uri(path)
                .header("Authorization", "Bearer " + account.key())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.error.code").isEqualTo(400)
                .jsonPath("$.error.message").isEqualTo(message);
    }
}
