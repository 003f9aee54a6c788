package dev.switchboard.api.inference;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.switchboard.contracts.billing.UsageEvent;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/v1/completions}: a prompt in, a {@code text_completion} out, charged like chat. */
class LegacyCompletionsApiTests extends InboundApiIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aPromptIsAnsweredAsATextCompletionAndCharged() {
        Account account = fundedAccount("legacy", 1_000_000_000L);

        JsonNode answer = JSON.readTree(web.post().uri("/api/v1/completions")
                .header("Authorization", "Bearer " + account.key())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"model\":\"openai/gpt-4o-mini\",\"prompt\":\"The capital of France is\",\"max_tokens\":20}")
                .exchange()
                .expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody());

        assertThat(answer.path("object").asString()).isEqualTo("text_completion");
        assertThat(answer.path("choices").get(0).path("text").asString()).isEqualTo("Paris is the capital of France.");
        assertThat(answer.path("choices").get(0).path("finish_reason").asString()).isEqualTo("stop");
        assertThat(answer.path("usage").path("prompt_tokens").asLong()).isEqualTo(24);
        assertThat(UPSTREAM.requests.getLast().path("messages").toString())
                .isEqualTo("[{\"role\":\"user\",\"content\":\"The capital of France is\"}]");
        assertThat(UPSTREAM.requests.getLast().has("prompt")).isFalse();

        UsageEvent charge = assertBooksBalance(account, 1).getFirst();
        assertThat(charge.api()).isEqualTo(UsageEvent.API_COMPLETIONS);
        assertThat(charge.totalNanos()).isEqualTo(expectedChargeNanos(CatalogSnapshotStub.CHAT_PRICES, 24, 8, 0));
        assertThat(answer.path("usage").path("cost").decimalValue().movePointRight(9).longValueExact()).isEqualTo(charge.totalNanos());
    }

    @Test
    void aStreamedPromptSendsTextCompletionChunksThenTheUsageThenDone() {
        Account account = fundedAccount("legacy-stream", 1_000_000_000L);

        String body = new String(web.post().uri("/v1/completions")
                .header("Authorization", "Bearer " + account.key())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"model\":\"openai/gpt-4o-mini\",\"prompt\":[\"The capital of France is\"],\"stream\":true}")
                .exchange()
                .expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody(), StandardCharsets.UTF_8);

        assertThat(body).startsWith(": SWITCHBOARD PROCESSING\n\n");
        List<String> data = Arrays.stream(body.split("\n\n"))
                .filter(event -> event.startsWith("data: "))
                .map(event -> event.substring("data: ".length()))
                .toList();
        assertThat(data.getLast()).isEqualTo("[DONE]");
        List<JsonNode> chunks = data.subList(0, data.size() - 1).stream().map(JSON::readTree).toList();
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.path("object").asString()).isEqualTo("text_completion"));
        String text = chunks.stream().flatMap(chunk -> chunk.path("choices").valueStream())
                .map(choice -> choice.path("text").asString("")).reduce("", String::concat);
        assertThat(text).isEqualTo("Paris is the capital.");
        JsonNode last = chunks.getLast();
        assertThat(last.path("choices").isEmpty()).isTrue();
        assertThat(last.path("usage").path("completion_tokens").asLong()).isEqualTo(4);

        UsageEvent charge = assertBooksBalance(account, 1).getFirst();
        assertThat(charge.api()).isEqualTo(UsageEvent.API_COMPLETIONS);
        assertThat(charge.totalNanos()).isEqualTo(expectedChargeNanos(CatalogSnapshotStub.CHAT_PRICES, 24, 4, 0));
    }

    @Test
    void aTokenArrayPromptIsAClear400() {
        Account account = fundedAccount("legacy-bad", 1_000_000_000L);
        web.post().uri("/api/v1/completions")
                .header("Authorization", "Bearer " + account.key())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"model\":\"openai/gpt-4o-mini\",\"prompt\":[1,2,3]}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.error.code").isEqualTo(400)
                .jsonPath("$.error.message").isEqualTo("'prompt' as token ids is not supported: send text");
    }
}
