package dev.switchboard.api.provider.gemini;

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

import dev.switchboard.api.catalog.Endpoint;
import dev.switchboard.api.catalog.PriceSheet;
import dev.switchboard.api.provider.Answer;
import dev.switchboard.api.provider.ProviderError;
import dev.switchboard.api.provider.ProviderException;
import dev.switchboard.api.provider.RecordedUpstream;
import dev.switchboard.api.provider.ReplayedProvider;
import dev.switchboard.api.provider.StreamEvent;
import dev.switchboard.api.provider.TestEndpoints;
import dev.switchboard.api.provider.TokenUsage;
import dev.switchboard.api.provider.UpstreamCall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Gemini adapter against recorded Gemini traffic over real HTTP, streamed and whole. */
class GeminiAdapterTest {

    /** Gemini 2.5 Flash list prices: $0.30 / $2.50 per M, cached input $0.03 per M. */
    private static final PriceSheet FLASH_PRICES = TestEndpoints.prices("0.0000003", "0.0000025", "0.00000003", "0");
    private static final Endpoint FLASH = TestEndpoints.endpoint("google", "gemini", "gemini-2.5-flash", FLASH_PRICES,
            65_536, Set.of());
    @RegisterExtension
    static final ReplayedProvider REPLAY = new ReplayedProvider("gemini", FLASH, "/v1beta", "AIza-test-key");

    private final GeminiAdapter adapter = new GeminiAdapter(TestEndpoints.transport(TestEndpoints.noProviders()),
            ReplayedProvider.JSON);

    /**
     * fixture, content, reasoning, tool arguments, finish, native finish, usage, upstream nanos (300 per
     * prompt token, 2,500 per output token including thoughts, 30 per cached token), total with 5 %.
     */
    static Stream<Arguments> recordings() {
        return Stream.of(
                Arguments.of("text", "Hello! How can I help you today?", "", Map.of(), "stop", "STOP",
                        new TokenUsage(9, 9, 0, 0, 0), 25_200L, 26_460L),
                Arguments.of("tool", "", "", Map.of(0, "{\"location\":\"Paris, France\",\"unit\":\"celsius\"}"),
                        "tool_calls", "STOP", new TokenUsage(62, 18, 0, 0, 0), 63_600L, 66_780L),
                // thoughts are output: 10 answer + 148 thinking tokens
                Arguments.of("thinking", "27 × 453 = 12,231",
                        "**Calculating the product**\n\nI need 27 × 453: 27 × 400 = 10,800 and 27 × 53 = 1,431.", Map.of(),
                        "stop", "STOP", new TokenUsage(11, 158, 0, 0, 148), 398_300L, 418_215L),
                Arguments.of("image", "The image shows a red panda sitting on a tree branch.", "", Map.of(), "stop", "STOP",
                        new TokenUsage(1_306, 13, 0, 0, 0), 424_300L, 445_515L),
                // 2,048 of the 2,118 prompt tokens came from the cache: 70 × 300 + 2,048 × 30 + 11 × 2,500
                Arguments.of("cache", "Section 3 says the licence is perpetual.", "", Map.of(), "stop", "STOP",
                        new TokenUsage(2_118, 11, 2_048, 0, 0), 109_940L, 115_437L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordings")
    void streamedRecordingBecomesOpenAiChunksWithExactUsageAndCost(String fixture, String content, String reasoning,
                                                                 Map<Integer, String> toolArguments, String finish,
                                                                 String nativeFinish, TokenUsage usage,
                                                                 long upstreamNanos, long totalNanos) {
        List<StreamEvent> events = adapter.stream(call(fixture)).collectList().block(Duration.ofSeconds(10));
        Answer answer = Answer.of(events);

        assertThat(answer.content()).isEqualTo(content);
        assertThat(answer.reasoning()).isEqualTo(reasoning);
        assertThat(answer.toolArguments()).isEqualTo(toolArguments);
        assertThat(answer.finishReason()).isEqualTo(finish);
        assertThat(answer.nativeFinishReason()).isEqualTo(nativeFinish);
        assertThat(answer.usage()).isEqualTo(usage);
        assertThat(events.stream().filter(StreamEvent.Usage.class::isInstance)).hasSize(1);
        assertCost(usage, upstreamNanos, totalNanos);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordings")
    void wholeAnswerTranslatesWithTheSameUsageAndCost(String fixture, String content, String reasoning,
                                                     Map<Integer, String> toolArguments, String finish,
                                                     String nativeFinish, TokenUsage usage, long upstreamNanos,
                                                     long totalNanos) {
        Answer answer = Answer.of(adapter.complete(call(fixture)).block(Duration.ofSeconds(10)));

        assertThat(answer.content()).isEqualTo(content);
        assertThat(answer.reasoning()).isEqualTo(reasoning);
        assertThat(answer.toolArguments()).isEqualTo(toolArguments);
        assertThat(answer.finishReason()).isEqualTo(finish);
        assertThat(answer.nativeFinishReason()).isEqualTo(nativeFinish);
        assertThat(answer.usage()).isEqualTo(usage);
        assertCost(usage, upstreamNanos, totalNanos);
    }

    @Test
    void functionCallsKeepTheirNameAndThoughtSignature() {
        Answer streamed = Answer.of(adapter.stream(call("tool")).collectList().block(Duration.ofSeconds(10)));
        Answer whole = Answer.of(adapter.complete(call("tool")).block(Duration.ofSeconds(10)));

        assertThat(streamed.toolNames()).isEqualTo(Map.of(0, "get_weather"));
        assertThat(streamed.reasoningSignatures()).containsExactly("CiQB0e2Kb9vWJxQ2nMGwYg==");
        assertThat(whole.reasoningSignatures()).isEqualTo(streamed.reasoningSignatures());
    }

    @Test
    void aBlockedAnswerFinishesWithContentFilter() {
        Answer answer = Answer.of(adapter.complete(call("safety")).block(Duration.ofSeconds(10)));

        assertThat(answer.finishReason()).isEqualTo("content_filter");
        assertThat(answer.nativeFinishReason()).isEqualTo("SAFETY");
        assertThat(answer.usage()).isEqualTo(new TokenUsage(15, 0, 0, 0, 0));
    }

    @Test
    void errorMidStreamChargesTheLastReportedUsageThenFails() {
        List<StreamEvent> before = new ArrayList<>();

        assertThatThrownBy(() -> adapter.stream(call("error-midstream")).doOnNext(before::add).blockLast(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ProviderError.Unavailable.class);
                    assertThat(e.error().message()).isEqualTo("UNAVAILABLE: The model is overloaded. Please try again later.");
                });
        Answer partial = Answer.of(before);
        assertThat(partial.content()).isEqualTo("Let me explain the theory of relativity");
        assertThat(partial.usage()).isEqualTo(new TokenUsage(20, 8, 0, 0, 0));
        assertCost(partial.usage(), 26_000L, 27_300L);
    }

    @Test
    void upstreamErrorsBecomeTheSealedProviderErrorWithTheKeyScrubbed() {
        assertThatThrownBy(() -> adapter.complete(call("http-503-overloaded")).block(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.error()).isInstanceOf(ProviderError.Unavailable.class));
        assertThatThrownBy(() -> adapter.stream(call("http-400-invalid")).blockLast(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ProviderError.InvalidRequest.class);
                    assertThat(e.error().message()).contains("API key not valid").doesNotContain("AIzaSyD-abcdefghijklmnop");
                });
    }

    @Test
    void requestsGoToTheModelMethodsWithTheKeyInAHeader() {
        adapter.complete(call("text")).block(Duration.ofSeconds(10));
        RecordedUpstream.Received whole = REPLAY.upstream().last("text");
        adapter.stream(call("text")).blockLast(Duration.ofSeconds(10));
        RecordedUpstream.Received streamed = REPLAY.upstream().last("text");

        assertThat(whole.uri()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
        assertThat(streamed.uri()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
        assertThat(streamed.header("x-goog-api-key")).isEqualTo("AIza-test-key");
        assertThat(streamed.uri()).doesNotContain("key=");
    }

    private void assertCost(TokenUsage usage, long upstreamNanos, long totalNanos) {
        REPLAY.assertCost(usage, upstreamNanos, totalNanos);
    }

    private static UpstreamCall call(String fixture) {
        return REPLAY.call(ReplayedProvider.chat("google/gemini-2.5-flash", fixture, ""));
    }
}
