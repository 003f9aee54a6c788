package dev.switchboard.api.inference;

import java.util.List;
import java.util.Map;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.UnauthorizedException;
import com.openai.errors.UnexpectedStatusCodeException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.switchboard.contracts.billing.UsageEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The official OpenAI Java SDK, unchanged but for its base URL and key, against the running
 * api-service and the recorded OpenAI upstream.
 */
class OpenAiSdkTests extends InboundApiIntegrationTest {

    private static final String MODEL = CatalogSnapshotStub.CHAT_MODEL;

    private OpenAIClient client(String key) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(baseUrl() + "/api/v1")
                .apiKey(key)
                .maxRetries(0)
                .build();
    }

    @Test
    void chatAnswersThroughTheSdkAndIsChargedExactly() {
        Account account = fundedAccount("sdk-chat", 1_000_000_000L);

        ChatCompletion completion = client(account.key()).chat().completions().create(ChatCompletionCreateParams.builder()
                .model(MODEL)
                .addUserMessage("What is the capital of France?")
                .build());

        assertThat(completion.choices().getFirst().message().content()).contains("Paris is the capital of France.");
        assertThat(completion.model()).isEqualTo(MODEL);
        assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(24);
        UsageEvent charge = assertBooksBalance(account, 1).getFirst();
        assertThat(charge.generationId()).isEqualTo(completion.id());
        assertThat(charge.api()).isEqualTo(UsageEvent.API_CHAT);
        assertThat(charge.totalNanos()).isEqualTo(expectedChargeNanos(CatalogSnapshotStub.CHAT_PRICES, 24, 8, 0));
    }

    @Test
    void aStreamAccumulatesToTheTextAndEndsWithTheUsage() {
        Account account = fundedAccount("sdk-stream", 1_000_000_000L);
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();

        try (StreamResponse<ChatCompletionChunk> stream = client(account.key()).chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model(MODEL).addUserMessage("What is the capital of France?").build())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        ChatCompletion completion = accumulator.chatCompletion();
        assertThat(completion.choices().getFirst().message().content()).contains("Paris is the capital.");
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(4);
        UsageEvent charge = assertBooksBalance(account, 1).getFirst();
        assertThat(charge.streamed()).isTrue();
        assertThat(charge.totalNanos()).isEqualTo(expectedChargeNanos(CatalogSnapshotStub.CHAT_PRICES, 24, 4, 0));
    }

    @Test
    void aToolCallRoundTripStreamsTheArgumentsAndAnswersWithTheResult() {
        Account account = fundedAccount("sdk-tools", 1_000_000_000L);
        OpenAIClient client = client(account.key());
        ChatCompletionFunctionTool weather = ChatCompletionFunctionTool.builder()
                .function(FunctionDefinition.builder()
                        .name("get_weather")
                        .description("Current weather in a city")
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                                .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                                .build())
                        .build())
                .build();
        ChatCompletionCreateParams ask = ChatCompletionCreateParams.builder()
                .model(MODEL)
                .addUserMessage("What is the weather in Paris?")
                .addTool(weather)
                .build();

        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(ask)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        ChatCompletion called = accumulator.chatCompletion();
        ChatCompletionMessageFunctionToolCall call = called.choices().getFirst().message().toolCalls().orElseThrow()
                .getFirst().asFunction();
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(JsonMapper.builder().build().readTree(call.function().arguments()).path("city").asString()).isEqualTo("Paris");
        assertThat(called.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);

        ChatCompletion answer = client.chat().completions().create(ask.toBuilder()
                .addMessage(called.choices().getFirst().message())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content("18°C, sunny").build())
                .build());

        assertThat(answer.choices().getFirst().message().content()).contains("It is 18°C and sunny in Paris.");
        assertThat(UPSTREAM.requests.getLast().path("messages").get(2).path("tool_call_id").asString()).isEqualTo(call.id());
        List<UsageEvent> charges = assertBooksBalance(account, 2);
        assertThat(charges.get(0).totalNanos()).isEqualTo(expectedChargeNanos(CatalogSnapshotStub.CHAT_PRICES, 61, 16, 0));
        // 64 of the 90 prompt tokens were cache reads: charged once, at the cache-read price.
        assertThat(charges.get(1).totalNanos()).isEqualTo(expectedChargeNanos(CatalogSnapshotStub.CHAT_PRICES, 90, 12, 64));
    }

    @Test
    void structuredOutputFollowsTheJsonSchema() {
        Account account = fundedAccount("sdk-schema", 1_000_000_000L);

        ChatCompletion completion = client(account.key()).chat().completions().create(ChatCompletionCreateParams.builder()
                .model(MODEL)
                .addUserMessage("Describe Paris as JSON.")
                .responseFormat(ResponseFormatJsonSchema.builder()
                        .jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder()
                                .name("city")
                                .strict(true)
                                .schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                                        .putAdditionalProperty("type", JsonValue.from("object"))
                                        .putAdditionalProperty("properties", JsonValue.from(Map.of(
                                                "city", Map.of("type", "string"),
                                                "country", Map.of("type", "string"),
                                                "population_millions", Map.of("type", "number"))))
                                        .build())
                                .build())
                        .build())
                .build());

        var city = JsonMapper.builder().build().readTree(completion.choices().getFirst().message().content().orElseThrow());
        assertThat(city.path("country").asString()).isEqualTo("France");
        assertThat(UPSTREAM.requests.getLast().path("response_format").path("json_schema").path("name").asString()).isEqualTo("city");
        assertThat(assertBooksBalance(account, 1).getFirst().totalNanos())
                .isEqualTo(expectedChargeNanos(CatalogSnapshotStub.CHAT_PRICES, 78, 19, 0));
    }

    @Test
    void errorsSurfaceAsTheSdksTypedExceptions() {
        Account broke = fundedAccount("sdk-broke", 1);
        ChatCompletionCreateParams ask = ChatCompletionCreateParams.builder().model(MODEL).addUserMessage("hi").build();

        assertThatThrownBy(() -> client("sk-sb-v1-" + "0".repeat(64)).chat().completions().create(ask))
                .isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> client(broke.key()).chat().completions().create(ask))
                .isInstanceOfSatisfying(UnexpectedStatusCodeException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(402);
                    assertThat(e.body().toString()).contains("only 0.000000001 USD is available");
                });
        assertThatThrownBy(() -> client(broke.key()).chat().completions().create(ask.toBuilder().model("openai/gpt-99").build()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(((OpenAIServiceException) e).statusCode()).isEqualTo(404));
        assertThat(charges(broke)).isEmpty();
    }
}
