package dev.switchboard.api.provider.anthropic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

import dev.switchboard.api.catalog.Endpoint;
import dev.switchboard.api.catalog.PriceSheet;
import dev.switchboard.api.provider.Answer;
import dev.switchboard.api.provider.ProviderError;
import dev.switchboard.api.provider.ProviderException;
import dev.switchboard.api.provider.ProviderProperties;
import dev.switchboard.api.provider.RecordedUpstream;
import dev.switchboard.api.provider.ReplayedProvider;
import dev.switchboard.api.provider.StreamEvent;
import dev.switchboard.api.provider.TestEndpoints;
import dev.switchboard.api.provider.TokenUsage;
import dev.switchboard.api.provider.UpstreamCall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Anthropic adapter against recorded Anthropic traffic, over real HTTP: each recording streamed
 * and whole, decoded to the same answer, usage and cost.
 */
class AnthropicAdapterTest {

    /** Claude Sonnet 4.5 list prices: $3 / $15 per M, cache read $0.30, cache write $3.75. */
    private static final PriceSheet SONNET_PRICES = TestEndpoints.prices("0.000003", "0.000015", "0.0000003", "0.00000375");
    private static final Endpoint SONNET = TestEndpoints.endpoint("anthropic", "anthropic", "claude-sonnet-4-5",
            SONNET_PRICES, 8_192, Set.of());
    @RegisterExtension
    static final ReplayedProvider REPLAY = new ReplayedProvider("anthropic", SONNET, "/v1", "sk-ant-test-key");

    private final AnthropicAdapter adapter = new AnthropicAdapter(TestEndpoints.transport(TestEndpoints.noProviders()),
            ReplayedProvider.JSON);

    /**
     * fixture, content, reasoning, tool arguments, finish reason, native reason, usage, upstream cost
     * in nanos (3,000 per prompt token, 15,000 per completion token, 300 per cache read, 3,750 per
     * cache write), total with the 5 % fee.
     */
    static Stream<Arguments> recordings() {
        return Stream.of(
                Arguments.of("text", "Hello! How can I help you today?", "", Map.of(), "stop", "end_turn",
                        new TokenUsage(12, 12, 0, 0, 0), 216_000L, 226_800L),
                Arguments.of("tool", "I'll check the current weather in Paris.", "",
                        Map.of(0, "{\"location\": \"Paris, France\", \"unit\": \"celsius\"}"), "tool_calls", "tool_use",
                        new TokenUsage(384, 71, 0, 0, 0), 2_217_000L, 2_327_850L),
                Arguments.of("thinking", "27 × 453 = **12,231**",
                        "The user asks for 27 * 453. 27 * 453 = 27 * 400 + 27 * 53 = 10800 + 1431 = 12231.", Map.of(),
                        "stop", "end_turn", new TokenUsage(48, 214, 0, 0, 0), 3_354_000L, 3_521_700L),
                Arguments.of("image", "The image shows a red panda sitting on a tree branch.", "", Map.of(), "stop",
                        "end_turn", new TokenUsage(1_587, 19, 0, 0, 0), 5_046_000L, 5_298_300L),
                // 14 uncached + 2,048 read + 512 written = 2,574 prompt tokens, each charged once at its own price
                Arguments.of("cache", "Section 3 says the licence is perpetual.", "", Map.of(), "stop", "end_turn",
                        new TokenUsage(2_574, 27, 2_048, 512, 0), 2_981_400L, 3_130_470L),
                Arguments.of("length", "Once upon a time there was", "", Map.of(), "length", "max_tokens",
                        new TokenUsage(10, 5, 0, 0, 0), 105_000L, 110_250L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordings")
    void streamedRecordingBecomesOpenAiChunksWithExactUsageAndCost(String fixture, String content, String reasoning,
                                                                 Map<Integer, String> toolArguments, String finish,
                                                                 String nativeFinish, TokenUsage usage, long upstreamNanos,
                                                                 long totalNanos) {
        List<StreamEvent> events = adapter.stream(call(fixture)).collectList().block(Duration.ofSeconds(10));
        Answer answer = Answer.of(events);

        assertThat(answer.content()).isEqualTo(content);
        assertThat(answer.reasoning()).isEqualTo(reasoning);
        assertThat(answer.toolArguments()).isEqualTo(toolArguments);
        assertThat(answer.finishReason()).isEqualTo(finish);
        assertThat(answer.nativeFinishReason()).isEqualTo(nativeFinish);
        assertThat(answer.usage()).isEqualTo(usage);
        assertThat(events.getLast()).isInstanceOf(StreamEvent.Usage.class);
        assertCost(usage, upstreamNanos, totalNanos);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordings")
    void wholeAnswerTranslatesToAChatCompletionWithTheSameUsageAndCost(String fixture, String content, String reasoning,
                                                                     Map<Integer, String> toolArguments, String finish,
                                                                     String nativeFinish, TokenUsage usage,
                                                                     long upstreamNanos, long totalNanos) {
        Answer answer = Answer.of(adapter.complete(call(fixture)).block(Duration.ofSeconds(10)));

        assertThat(answer.content()).isEqualTo(content);
        assertThat(answer.reasoning()).isEqualTo(reasoning);
        assertThat(answer.toolArguments().values().stream().map(this::compact).toList())
                .isEqualTo(toolArguments.values().stream().map(this::compact).toList());
        assertThat(answer.finishReason()).isEqualTo(finish);
        assertThat(answer.nativeFinishReason()).isEqualTo(nativeFinish);
        assertThat(answer.usage()).isEqualTo(usage);
        assertCost(usage, upstreamNanos, totalNanos);
    }

    @Test
    void streamedToolCallKeepsItsIdAndNameAndStreamsArgumentsPieceByPiece() {
        List<StreamEvent> events = adapter.stream(call("tool")).collectList().block(Duration.ofSeconds(10));

        List<ObjectNode> toolChunks = events.stream().filter(StreamEvent.Chunk.class::isInstance)
                .map(e -> ((StreamEvent.Chunk) e).chunk())
                .filter(c -> c.at("/choices/0/delta/tool_calls").isArray())
                .toList();
        assertThat(toolChunks).hasSize(5);
        assertThat(toolChunks.getFirst().at("/choices/0/delta/tool_calls/0/id").asString()).isEqualTo("toolu_01T1x1fJ34qAmk2tNTrN7Up6");
        assertThat(toolChunks.getFirst().at("/choices/0/delta/tool_calls/0/function/name").asString()).isEqualTo("get_weather");
        assertThat(toolChunks.get(1).at("/choices/0/delta/tool_calls/0/function/arguments").asString()).isEqualTo("{\"location\": ");
        assertThat(Answer.of(events).toolNames()).isEqualTo(Map.of(0, "get_weather"));
    }

    @Test
    void thinkingComesBackAsReasoningDetailsWithTheSignature() {
        Answer streamed = Answer.of(adapter.stream(call("thinking")).collectList().block(Duration.ofSeconds(10)));
        Answer whole = Answer.of(adapter.complete(call("thinking")).block(Duration.ofSeconds(10)));

        assertThat(streamed.reasoningSignatures()).singleElement().asString().startsWith("EqQBCgIYAhIM");
        assertThat(whole.reasoningSignatures()).isEqualTo(streamed.reasoningSignatures());
    }

    @Test
    void excludedReasoningIsNotReturnedButStillCharged() {
        UpstreamCall call = call("thinking", "\"reasoning\":{\"effort\":\"high\",\"exclude\":true},");
        Answer streamed = Answer.of(adapter.stream(call).collectList().block(Duration.ofSeconds(10)));
        Answer whole = Answer.of(adapter.complete(call).block(Duration.ofSeconds(10)));

        assertThat(streamed.reasoning()).isEmpty();
        assertThat(whole.reasoning()).isEmpty();
        assertThat(streamed.usage()).isEqualTo(new TokenUsage(48, 214, 0, 0, 0));
        assertThat(REPLAY.upstream().last("thinking").body()).contains("\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":6553}");
    }

    @Test
    void errorEventMidStreamChargesWhatWasGeneratedThenFailsWithTheProviderError() {
        List<StreamEvent> before = new ArrayList<>();

        assertThatThrownBy(() -> adapter.stream(call("error-midstream")).doOnNext(before::add).blockLast(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ProviderError.Unavailable.class);
                    assertThat(e.error().message()).isEqualTo("overloaded_error: Overloaded");
                });
        Answer partial = Answer.of(before);
        assertThat(partial.content()).isEqualTo("Let me explain the theory of relativity");
        // message_start reported 20 input tokens; three pieces were forwarded, so at least three output tokens
        assertThat(partial.usage()).isEqualTo(new TokenUsage(20, 3, 0, 0, 0));
        assertCost(partial.usage(), 105_000L, 110_250L);
    }

    static Stream<Arguments> httpErrors() {
        return Stream.of(
                Arguments.of("http-529-overloaded", ProviderError.Unavailable.class, 502),
                Arguments.of("http-401-auth", ProviderError.AuthenticationFailed.class, 502),
                Arguments.of("http-429-rate", ProviderError.RateLimited.class, 429),
                Arguments.of("http-400-invalid", ProviderError.InvalidRequest.class, 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("httpErrors")
    void upstreamErrorStatusesBecomeTheSealedProviderError(String fixture, Class<? extends ProviderError> kind, int clientStatus) {
        for (boolean stream : new boolean[] {true, false}) {
            Runnable attempt = stream
                    ? () -> adapter.stream(call(fixture)).blockLast(Duration.ofSeconds(10))
                    : () -> adapter.complete(call(fixture)).block(Duration.ofSeconds(10));
            assertThatThrownBy(attempt::run).isInstanceOfSatisfying(ProviderException.class, e -> {
                assertThat(e.error()).isInstanceOf(kind);
                assertThat(e.error().clientStatus().value()).isEqualTo(clientStatus);
                assertThat(e.error().provider()).isEqualTo("anthropic");
                assertThat(e.error().message()).doesNotContain("sk-ant-api03-AbCdEfGhIjKlMnOp");
            });
        }
    }

    @Test
    void anUpstreamThatDoesNotAnswerInTimeIsA408() {
        ProviderProperties impatient = new ProviderProperties(null, new ProviderProperties.Timeouts(
                Duration.ofSeconds(1), Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofSeconds(5)));
        AnthropicAdapter adapter = new AnthropicAdapter(TestEndpoints.transport(impatient), ReplayedProvider.JSON);

        for (boolean stream : new boolean[] {true, false}) {
            Runnable attempt = stream
                    ? () -> adapter.stream(call("silent")).blockLast(Duration.ofSeconds(10))
                    : () -> adapter.complete(call("silent")).block(Duration.ofSeconds(10));
            assertThatThrownBy(attempt::run).isInstanceOfSatisfying(ProviderException.class, e -> {
                assertThat(e.error()).isInstanceOf(ProviderError.TimedOut.class);
                assertThat(e.error().clientStatus().value()).isEqualTo(408);
            });
        }
    }

    @Test
    void rateLimitCarriesRetryAfter() {
        assertThatThrownBy(() -> adapter.complete(call("http-429-rate")).block(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(((ProviderError.RateLimited) e.error())
                        .retryAfter()).isEqualTo(Duration.ofSeconds(7)));
    }

    @Test
    void requestGoesToMessagesWithTheKeyAndVersionHeaders() {
        adapter.complete(call("text")).block(Duration.ofSeconds(10));

        RecordedUpstream.Received request = REPLAY.upstream().last("text");
        assertThat(request.uri()).isEqualTo("/v1/messages");
        assertThat(request.header("x-api-key")).isEqualTo("sk-ant-test-key");
        assertThat(request.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(request.header("Authorization")).isNull();
        assertThat(ReplayedProvider.JSON.readTree(request.body()).path("model").asString()).isEqualTo("claude-sonnet-4-5");
    }

    @Test
    void tokensAreCountedByCountTokensWithOnlyTheFieldsItAccepts() {
        Long count = adapter.countTokens(call("count-tokens", "\"temperature\":0.5,\"max_tokens\":100,\"stream\":true,"))
                .block(Duration.ofSeconds(10));

        assertThat(count).isEqualTo(2_095);
        RecordedUpstream.Received request = REPLAY.upstream().last("count-tokens");
        assertThat(request.uri()).isEqualTo("/v1/messages/count_tokens");
        assertThat(request.header("x-api-key")).isEqualTo("sk-ant-test-key");
        assertThat(request.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(ReplayedProvider.JSON.readTree(request.body()).propertyNames()).containsExactlyInAnyOrder("model", "messages");
    }

    @Test
    void aCountAnswerWithoutInputTokensIsAnUpstreamFailure() {
        assertThatThrownBy(() -> adapter.countTokens(call("text")).block(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.error().message())
                        .isEqualTo("Upstream answer has no input_tokens"));
    }

    @Test
    void parametersTheEndpointDoesNotSupportAreDroppedBeforeTheCall() {
        Endpoint limited = TestEndpoints.endpoint("anthropic", "anthropic", "claude-3-haiku", SONNET_PRICES, 4_096,
                Set.of("max_tokens", "temperature", "stop"));
        UpstreamCall call = REPLAY.call(limited, body("text", "\"top_k\":5,\"temperature\":0.5,"));

        adapter.complete(call).block(Duration.ofSeconds(10));

        String sent = REPLAY.upstream().last("text").body();
        assertThat(sent).contains("\"temperature\":0.5").doesNotContain("top_k");
    }

    private void assertCost(TokenUsage usage, long upstreamNanos, long totalNanos) {
        REPLAY.assertCost(usage, upstreamNanos, totalNanos);
    }

    private String compact(String json) {
        return ReplayedProvider.JSON.readTree(json).toString();
    }

    private static UpstreamCall call(String fixture) {
        return call(fixture, "");
    }

    private static UpstreamCall call(String fixture, String extraFields) {
        return REPLAY.call(body(fixture, extraFields));
    }

    private static ObjectNode body(String fixture, String extraFields) {
        return ReplayedProvider.chat("anthropic/claude-sonnet-4.5", fixture, extraFields);
    }
}
