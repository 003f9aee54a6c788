package dev.switchboard.api.provider.azure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.switchboard.api.catalog.Endpoint;
import dev.switchboard.api.catalog.PriceSheet;
import dev.switchboard.api.credit.Charge;
import dev.switchboard.api.provider.Answer;
import dev.switchboard.api.provider.ProviderError;
import dev.switchboard.api.provider.ProviderException;
import dev.switchboard.api.provider.ProviderProperties;
import dev.switchboard.api.provider.RecordedUpstream;
import dev.switchboard.api.provider.StreamEvent;
import dev.switchboard.api.provider.TestEndpoints;
import dev.switchboard.api.provider.TokenUsage;
import dev.switchboard.api.provider.UpstreamCall;
import dev.switchboard.api.provider.openai.OpenAiChatProtocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Azure OpenAI against recorded Azure traffic: deployment URLs and the api-key header over OpenAI's format. */
class AzureAdapterTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final RecordedUpstream UPSTREAM = new RecordedUpstream("azure");
    /** GPT-4o list prices: $2.50 / $10 per M, cached input $1.25 per M. */
    private static final PriceSheet GPT4O_PRICES = TestEndpoints.prices("0.0000025", "0.00001", "0.00000125", "0");
    private static final Endpoint GPT4O = TestEndpoints.endpoint("azure", "azure", "gpt-4o", GPT4O_PRICES, 16_384, Set.of());
    private static final ProviderProperties PROPERTIES = new ProviderProperties(
            Map.of("azure", new ProviderProperties.Settings(null, "azure-test-key", "2024-10-21", Map.of("gpt-4o", "prod-gpt4o"))),
            TestEndpoints.noProviders().upstream());

    private final AzureAdapter adapter = new AzureAdapter(
            new OpenAiChatProtocol(TestEndpoints.transport(PROPERTIES), JSON), PROPERTIES);

    @AfterAll
    static void stop() {
        UPSTREAM.close();
    }

    /** fixture, content, tool arguments, finish, usage, upstream nanos (2,500 / 10,000 / 1,250 cached), total with 5 %. */
    static Stream<Arguments> recordings() {
        return Stream.of(
                Arguments.of("text", "Hello! How can I  help you today?", Map.of(), "stop", new TokenUsage(13, 9, 0, 0, 0),
                        122_500L, 128_625L),
                Arguments.of("tool", "", Map.of(0, "{\"location\":\"Paris, France\",\"unit\":\"celsius\"}"), "tool_calls",
                        new TokenUsage(81, 19, 0, 0, 0), 392_500L, 412_125L),
                Arguments.of("thinking", "27 × 453 = 12,231", Map.of(), "stop", new TokenUsage(18, 202, 0, 0, 192),
                        2_065_000L, 2_168_250L),
                Arguments.of("image", "The image shows a red panda sitting on a tree branch.", Map.of(), "stop",
                        new TokenUsage(1_120, 12, 0, 0, 0), 2_920_000L, 3_066_000L),
                Arguments.of("cache", "Section 3 says the licence is perpetual.", Map.of(), "stop",
                        new TokenUsage(2_080, 11, 1_920, 0, 0), 2_910_000L, 3_055_500L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordings")
    void streamedRecordingPassesThroughWithExactUsageAndCost(String fixture, String content, Map<Integer, String> toolArguments,
                                                           String finish, TokenUsage usage, long upstreamNanos, long totalNanos) {
        Answer answer = Answer.of(adapter.stream(call(fixture)).collectList().block(Duration.ofSeconds(10)));

        assertThat(answer.content()).isEqualTo(content);
        assertThat(answer.toolArguments()).isEqualTo(toolArguments);
        assertThat(answer.finishReason()).isEqualTo(finish);
        assertThat(answer.usage()).isEqualTo(usage);
        assertCost(usage, upstreamNanos, totalNanos);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordings")
    void wholeAnswerPassesThroughWithTheSameUsageAndCost(String fixture, String content, Map<Integer, String> toolArguments,
                                                        String finish, TokenUsage usage, long upstreamNanos, long totalNanos) {
        Answer answer = Answer.of(adapter.complete(call(fixture)).block(Duration.ofSeconds(10)));

        assertThat(answer.content()).isEqualTo(content);
        assertThat(answer.toolArguments()).isEqualTo(toolArguments);
        assertThat(answer.finishReason()).isEqualTo(finish);
        assertThat(answer.usage()).isEqualTo(usage);
        assertCost(usage, upstreamNanos, totalNanos);
    }

    @Test
    void requestGoesToTheConfiguredDeploymentWithApiKeyAndVersionAndAnUnchangedBody() {
        String canonical = "{\"model\":\"openai/gpt-4o\",\"temperature\":0.4,\"tools\":[{\"type\":\"function\",\"function\":"
                + "{\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}}],\"messages\":[{\"role\":\"user\",\"content\":\"fixture:text\"}]}";
        adapter.stream(new UpstreamCall("gen-1", GPT4O, (ObjectNode) JSON.readTree(canonical), UPSTREAM.baseUrl() + "/openai",
                "azure-test-key")).blockLast(Duration.ofSeconds(10));

        RecordedUpstream.Received request = UPSTREAM.last("text");
        assertThat(request.uri()).isEqualTo("/openai/deployments/prod-gpt4o/chat/completions?api-version=2024-10-21");
        assertThat(request.header("api-key")).isEqualTo("azure-test-key");
        assertThat(request.header("Authorization")).isNull();
        JsonNode sent = JSON.readTree(request.body());
        ObjectNode expected = (ObjectNode) JSON.readTree(canonical);
        expected.put("model", "gpt-4o");
        expected.put("stream", true);
        expected.putObject("stream_options").put("include_usage", true);
        assertThat(sent).isEqualTo(expected);
    }

    @Test
    void aModelWithoutADeploymentEntryIsCalledByItsOwnIdAndTheDefaultVersion() {
        ProviderProperties bare = new ProviderProperties(Map.of("azure", new ProviderProperties.Settings(null, "k", null, null)),
                TestEndpoints.noProviders().upstream());
        AzureAdapter plain = new AzureAdapter(new OpenAiChatProtocol(TestEndpoints.transport(bare), JSON), bare);

        assertThat(plain.url(call("text"))).isEqualTo(UPSTREAM.baseUrl() + "/openai/deployments/gpt-4o/chat/completions?api-version="
                + AzureAdapter.DEFAULT_API_VERSION);
    }

    @Test
    void errorMidStreamFailsWithTheScrubbedProviderErrorAfterTheChunksBeforeIt() {
        List<StreamEvent> before = new ArrayList<>();

        assertThatThrownBy(() -> adapter.stream(call("error-midstream")).doOnNext(before::add).blockLast(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ProviderError.Unavailable.class);
                    assertThat(e.error().message()).contains("server had an error");
                });
        assertThat(Answer.of(before).content()).isEqualTo("Let me explain the theory of");
        assertThat(Answer.of(before).pieces()).isEqualTo(2);
    }

    @Test
    void rateLimitAndAuthenticationFailuresAreTold() {
        assertThatThrownBy(() -> adapter.complete(call("http-429-rate")).block(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ProviderError.RateLimited.class);
                    assertThat(((ProviderError.RateLimited) e.error()).retryAfter()).isEqualTo(Duration.ofSeconds(7));
                });
        assertThatThrownBy(() -> adapter.stream(call("http-401-auth")).blockLast(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ProviderError.AuthenticationFailed.class);
                    assertThat(e.error().clientStatus().value()).isEqualTo(502);
                });
    }

    private void assertCost(TokenUsage usage, long upstreamNanos, long totalNanos) {
        Charge charge = TestEndpoints.PRICING.charge(GPT4O_PRICES, usage, false);
        assertThat(charge.upstreamCostNanos()).isEqualTo(upstreamNanos);
        assertThat(charge.totalNanos()).isEqualTo(totalNanos);
    }

    private static UpstreamCall call(String fixture) {
        ObjectNode body = (ObjectNode) JSON.readTree("{\"model\":\"openai/gpt-4o\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"fixture:" + fixture + "\"}]}");
        return new UpstreamCall("gen-1", GPT4O, body, UPSTREAM.baseUrl(), "azure-test-key");
    }
}
