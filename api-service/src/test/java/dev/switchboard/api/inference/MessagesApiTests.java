package dev.switchboard.api.inference;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.switchboard.contracts.billing.UsageEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code POST /api/v1/messages} over HTTP, byte for byte: Anthropic's shapes, chat's billing. */
class MessagesApiTests extends InboundApiIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static String request(String model, boolean stream) {
        return """
                {"model":"%s","max_tokens":300,"stream":%s,"system":"Answer in one sentence.",
                 "messages":[{"role":"user","content":"What is the capital of France?"}]}""".formatted(model, stream);
    }

    @Test
    void aMessageIsAnsweredInAnthropicsShapeWithAnXApiKeyAndChargedLikeChat() {
        Account account = fundedAccount("messages", 1_000_000_000L);

        JsonNode message = JSON.readTree(web.post().uri("/api/v1/messages")
                .header("x-api-key", account.key())
                .header("anthropic-version", "2023-06-01")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(request(CatalogSnapshotStub.CHAT_MODEL, false))
                .exchange()
                .expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody());

        assertThat(message.path("type").asString()).isEqualTo("message");
        assertThat(message.path("role").asString()).isEqualTo("assistant");
        assertThat(message.path("model").asString()).isEqualTo(CatalogSnapshotStub.CHAT_MODEL);
        assertThat(message.path("content").toString())
                .isEqualTo("[{\"type\":\"text\",\"text\":\"Paris is the capital of France.\",\"citations\":null}]");
        assertThat(message.path("stop_reason").asString()).isEqualTo("end_turn");
        assertThat(message.path("usage").path("input_tokens").asLong()).isEqualTo(24);
        assertThat(message.path("usage").path("cache_read_input_tokens").asLong()).isZero();
        assertThat(message.path("usage").path("cache_creation_input_tokens").asLong()).isZero();
        assertThat(message.path("usage").path("output_tokens").asLong()).isEqualTo(8);
        JsonNode upstream = UPSTREAM.requests.getLast();
        assertThat(upstream.path("model").asString()).isEqualTo("gpt-4o-mini");
        assertThat(upstream.path("max_tokens").asInt()).isEqualTo(300);
        assertThat(upstream.path("messages").get(0).toString()).isEqualTo("{\"role\":\"system\",\"content\":\"Answer in one sentence.\"}");

        UsageEvent charge = assertBooksBalance(account, 1).getFirst();
        assertThat(charge.generationId()).isEqualTo(message.path("id").asString());
        assertThat(charge.api()).isEqualTo(UsageEvent.API_MESSAGES);
        assertThat(charge.totalNanos()).isEqualTo(expectedChargeNanos(CatalogSnapshotStub.CHAT_PRICES, 24, 8, 0));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> web.get().uri("/api/v1/generation?id=" + charge.generationId())
                .header("Authorization", "Bearer " + account.key())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.api").isEqualTo("messages")
                .jsonPath("$.data.total_cost_nanos").isEqualTo(charge.totalNanos()));
    }

    @Test
    void aStreamedMessageUsesAnthropicsExactEventsThroughTheV1AliasWithABearerKey() {
        Account account = fundedAccount("messages-stream", 1_000_000_000L);

        String body = new String(web.post().uri("/v1/messages")
                .header("Authorization", "Bearer " + account.key())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(request(CatalogSnapshotStub.CHAT_MODEL, true))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                .expectBody(byte[].class).returnResult().getResponseBody(), StandardCharsets.UTF_8);

        List<String[]> events = Arrays.stream(body.split("\n\n"))
                .filter(event -> !event.isBlank())
                .map(event -> event.split("\n", 2))
                .toList();
        assertThat(events.getFirst()[0]).as("keepalives while the upstream prepares its first token").isEqualTo("event: ping");
        List<String> names = events.stream().map(event -> event[0]).filter(name -> !name.equals("event: ping")).toList();
        assertThat(names).startsWith("event: message_start", "event: content_block_start")
                .endsWith("event: content_block_stop", "event: message_delta", "event: message_stop");
        assertThat(names.subList(2, names.size() - 3)).isNotEmpty().allMatch(name -> name.equals("event: content_block_delta"));
        StringBuilder text = new StringBuilder();
        JsonNode messageStart = null;
        JsonNode messageDelta = null;
        for (String[] event : events) {
            JsonNode data = JSON.readTree(event[1].substring("data: ".length()));
            assertThat(data.path("type").asString()).isEqualTo(event[0].substring("event: ".length()));
            switch (data.path("type").asString()) {
                case "content_block_delta" -> text.append(data.path("delta").path("text").asString());
                case "message_start" -> messageStart = data;
                case "message_delta" -> messageDelta = data;
                default -> { }
            }
        }
        assertThat(text.toString()).isEqualTo("Paris is the capital.");
        assertThat(messageDelta.path("delta").path("stop_reason").asString()).isEqualTo("end_turn");
        // OpenAI reports usage only at the end: message_start has the gateway's estimate (8 a message
        // plus 53 bytes of text, over 4, rounded up), the last message_delta the exact counts that were charged.
        assertThat(messageStart.path("message").path("usage").path("input_tokens").asLong()).isEqualTo(18);
        assertThat(messageDelta.path("usage").path("input_tokens").asLong()).isEqualTo(24);
        assertThat(messageDelta.path("usage").path("cache_read_input_tokens").asLong()).isZero();
        assertThat(messageDelta.path("usage").path("cache_creation_input_tokens").asLong()).isZero();
        assertThat(messageDelta.path("usage").path("output_tokens").asLong()).isEqualTo(4);

        UsageEvent charge = assertBooksBalance(account, 1).getFirst();
        assertThat(charge.streamed()).isTrue();
        assertThat(charge.api()).isEqualTo(UsageEvent.API_MESSAGES);
        assertThat(charge.totalNanos()).isEqualTo(expectedChargeNanos(CatalogSnapshotStub.CHAT_PRICES, 24, 4, 0));
    }

    @Test
    void anUpstreamFailureAfterTheFirstByteEndsTheStreamWithAnErrorEventAndChargesWhatWasGenerated() {
        Account account = fundedAccount("messages-broken", 1_000_000_000L);

        String body = new String(web.post().uri("/api/v1/messages")
                .header("x-api-key", account.key())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"model\":\"openai/gpt-4o-mini\",\"max_tokens\":50,\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"break mid-stream\"}]}")
                .exchange()
                .expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody(), StandardCharsets.UTF_8);

        List<String> events = Arrays.stream(body.split("\n\n"))
                .filter(event -> !event.isBlank() && !event.startsWith("event: ping"))
                .toList();
        assertThat(events.getFirst()).startsWith("event: message_start");
        assertThat(events).anySatisfy(event -> assertThat(event).contains("\"text\":\"Partial\""));
        assertThat(events).anySatisfy(event -> assertThat(event).contains("\"text\":\" answer\""));
        String last = events.getLast();
        assertThat(last).startsWith("event: error\ndata: ");
        JsonNode error = JSON.readTree(last.substring(last.indexOf("data: ") + "data: ".length()));
        assertThat(error.path("type").asString()).isEqualTo("error");
        assertThat(error.path("error").path("type").asString()).isEqualTo("api_error");

        UsageEvent charge = assertBooksBalance(account, 1).getFirst();
        assertThat(charge.finishReason()).isEqualTo("error");
        // No usage report came: the two pieces forwarded are charged as (at least) two tokens.
        assertThat(charge.completionTokens()).isEqualTo(2);
    }

    @Test
    void errorsComeInAnthropicsShapeWithTheirStatus() {
        Account account = fundedAccount("messages-errors", 1_000_000_000L);
        Account broke = fundedAccount("messages-broke", 1);

        expectError(null, request(CatalogSnapshotStub.CHAT_MODEL, false), 401, "authentication_error");
        expectError("sk-sb-v1-" + "0".repeat(64), request(CatalogSnapshotStub.CHAT_MODEL, false), 401, "authentication_error");
        expectError(account.key(), request("openai/no-such-model", false), 404, "not_found_error");
        expectError(broke.key(), request(CatalogSnapshotStub.CHAT_MODEL, false), 402, "billing_error");
        expectError(account.key(), "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                400, "invalid_request_error");
        expectError(account.key(), request(CatalogSnapshotStub.EMBEDDING_MODEL, false), 400, "invalid_request_error");
        expectError(account.key(), request(CatalogSnapshotStub.UNSERVED_MODEL, false), 529, "overloaded_error");
        expectError(account.key(), request(CatalogSnapshotStub.UNSERVED_MODEL, true), 529, "overloaded_error");
        expectError(account.key(), "{not json", 400, "invalid_request_error");
        assertThat(charges(account)).isEmpty();
        assertThat(charges(broke)).isEmpty();
    }

    private void expectError(String key, String body, int status, String type) {
        var request = web.post().uri("/api/v1/messages").contentType(MediaType.APPLICATION_JSON);
        if (key != null) {
            request = request.header("x-api-key", key);
        }
        request.bodyValue(body)
                .exchange()
                .expectStatus().isEqualTo(status)
                .expectBody()
                .jsonPath("$.type").isEqualTo("error")
                .jsonPath("$.error.type").isEqualTo(type)
                .jsonPath("$.error.message").isNotEmpty();
    }
}
