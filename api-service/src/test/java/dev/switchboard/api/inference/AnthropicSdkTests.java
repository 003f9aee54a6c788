package dev.switchboard.api.inference;

import java.util.List;
import java.util.Map;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.OverloadedException;
import com.anthropic.errors.PaymentRequiredException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import org.junit.jupiter.api.Test;

import dev.switchboard.contracts.billing.UsageEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The official Anthropic Java SDK, pointed at Switchboard, talking to an OpenAI model through
 * {@code /api/v1/messages}: plain, streamed, a tool-use round trip, and typed errors.
 */
class AnthropicSdkTests extends InboundApiIntegrationTest {

    private static final String MODEL = CatalogSnapshotStub.CHAT_MODEL;

    private AnthropicClient client(String key) {
        // The SDK appends /v1/messages to its base URL.
        return AnthropicOkHttpClient.builder()
                .baseUrl(baseUrl() + "/api")
                .apiKey(key)
                .maxRetries(0)
                .build();
    }

    private static MessageCreateParams.Builder ask(String question) {
        return MessageCreateParams.builder().model(MODEL).maxTokens(512).system("Answer briefly.").addUserMessage(question);
    }

    @Test
    void aMessageAnswersThroughTheSdkAndIsChargedExactly() {
        Account account = fundedAccount("anthropic-sdk", 1_000_000_000L);

        Message message = client(account.key()).messages().create(ask("What is the capital of France?").build());

        assertThat(message.content().getFirst().text().orElseThrow().text()).isEqualTo("Paris is the capital of France.");
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().inputTokens()).isEqualTo(24);
        assertThat(message.usage().outputTokens()).isEqualTo(8);
        UsageEvent charge = assertBooksBalance(account, 1).getFirst();
        assertThat(charge.generationId()).isEqualTo(message.id());
        assertThat(charge.api()).isEqualTo(UsageEvent.API_MESSAGES);
        assertThat(charge.totalNanos()).isEqualTo(expectedChargeNanos(CatalogSnapshotStub.CHAT_PRICES, 24, 8, 0));
    }

    @Test
    void aStreamAccumulatesToTheMessageWithTheFinalUsage() {
        Account account = fundedAccount("anthropic-stream", 1_000_000_000L);
        MessageAccumulator accumulator = MessageAccumulator.create();

        try (StreamResponse<RawMessageStreamEvent> stream = client(account.key()).messages()
                .createStreaming(ask("What is the capital of France?").build())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        Message message = accumulator.message();
        assertThat(message.content().getFirst().text().orElseThrow().text()).isEqualTo("Paris is the capital.");
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().outputTokens()).isEqualTo(4);
        assertThat(assertBooksBalance(account, 1).getFirst().totalNanos())
                .isEqualTo(expectedChargeNanos(CatalogSnapshotStub.CHAT_PRICES, 24, 4, 0));
    }

    @Test
    void aToolUseRoundTripStreamsTheInputAndAnswersWithTheResult() {
        Account account = fundedAccount("anthropic-tools", 1_000_000_000L);
        AnthropicClient client = client(account.key());
        Tool weather = Tool.builder()
                .name("get_weather")
                .description("Current weather in a city")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .required(List.of("city"))
                        .build())
                .build();
        MessageCreateParams question = ask("What is the weather in Paris?").addTool(weather).build();

        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(question)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Message called = accumulator.message();
        assertThat(called.stopReason()).contains(StopReason.TOOL_USE);
        ToolUseBlock use = called.content().stream().flatMap(block -> block.toolUse().stream()).findFirst().orElseThrow();
        assertThat(use.name()).isEqualTo("get_weather");
        assertThat(use._input().toString()).contains("Paris");

        Message answer = client.messages().create(question.toBuilder()
                .addMessage(called.toParam())
                .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(
                        ToolResultBlockParam.builder().toolUseId(use.id()).content("18°C, sunny").build())))
                .build());

        assertThat(answer.content().getFirst().text().orElseThrow().text()).isEqualTo("It is 18°C and sunny in Paris.");
        var upstreamMessages = UPSTREAM.requests.getLast().path("messages");
        assertThat(upstreamMessages.get(2).path("tool_calls").get(0).path("id").asString()).isEqualTo(use.id());
        assertThat(upstreamMessages.get(3).path("role").asString()).isEqualTo("tool");
        assertThat(upstreamMessages.get(3).path("content").asString()).isEqualTo("18°C, sunny");
        // The second answer's 64 cached prompt tokens are reported beside input_tokens, not inside it.
        assertThat(answer.usage().inputTokens()).isEqualTo(26);
        assertThat(answer.usage().cacheReadInputTokens()).contains(64L);
        List<UsageEvent> charges = assertBooksBalance(account, 2);
        assertThat(charges.get(0).totalNanos()).isEqualTo(expectedChargeNanos(CatalogSnapshotStub.CHAT_PRICES, 61, 16, 0));
        assertThat(charges.get(1).totalNanos()).isEqualTo(expectedChargeNanos(CatalogSnapshotStub.CHAT_PRICES, 90, 12, 64));
    }

    @Test
    void errorsSurfaceAsTheSdksTypedExceptions() {
        Account broke = fundedAccount("anthropic-broke", 1);
        MessageCreateParams question = ask("hi").build();

        assertThatThrownBy(() -> client("sk-sb-v1-" + "0".repeat(64)).messages().create(question))
                .isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> client(broke.key()).messages().create(question))
                .isInstanceOfSatisfying(PaymentRequiredException.class,
                        e -> assertThat(e.body().toString()).contains("billing_error"));
        assertThatThrownBy(() -> client(broke.key()).messages().create(question.toBuilder().model("openai/gpt-99").build()))
                .isInstanceOf(NotFoundException.class);
        // No endpoint available is OpenRouter's 503 and Anthropic's 529 "overloaded", which its SDK retries.
        assertThatThrownBy(() -> client(broke.key()).messages().create(question.toBuilder().model(CatalogSnapshotStub.UNSERVED_MODEL).build()))
                .isInstanceOfSatisfying(OverloadedException.class, e -> assertThat(e.statusCode()).isEqualTo(529));
        assertThat(charges(broke)).isEmpty();
    }
}
