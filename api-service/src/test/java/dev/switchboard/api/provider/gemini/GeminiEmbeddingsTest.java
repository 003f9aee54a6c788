package dev.switchboard.api.provider.gemini;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.switchboard.api.catalog.Endpoint;
import dev.switchboard.api.provider.Completion;
import dev.switchboard.api.provider.ProviderError;
import dev.switchboard.api.provider.ProviderException;
import dev.switchboard.api.provider.RecordedUpstream;
import dev.switchboard.api.provider.ReplayedProvider;
import dev.switchboard.api.provider.TestEndpoints;
import dev.switchboard.api.provider.TokenUsage;
import dev.switchboard.api.provider.UpstreamCall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Gemini embeddings against recorded {@code batchEmbedContents} traffic, over real HTTP. */
class GeminiEmbeddingsTest {

    /** gemini-embedding-001 as the seed catalogs it: $0.15 per M input tokens. */
    private static final Endpoint EMBEDDING = TestEndpoints.endpoint("google", "gemini", "gemini-embedding-001",
            TestEndpoints.prices("0.00000015", "0", "0", "0"), 0, Set.of());
    @RegisterExtension
    static final ReplayedProvider REPLAY = new ReplayedProvider("gemini", EMBEDDING, "/v1beta", "AIza-test-key");

    private final GeminiAdapter adapter = new GeminiAdapter(TestEndpoints.transport(TestEndpoints.noProviders()),
            ReplayedProvider.JSON);

    @Test
    void theAdapterEmbeds() {
        assertThat(adapter.embeds()).isTrue();
    }

    @Test
    void everyInputBecomesOneRequestOfOneBatchCallWithTheKeyInAHeader() {
        adapter.embed(call("embed", ",\"second\"],\"dimensions\":4")).block(Duration.ofSeconds(10));

        RecordedUpstream.Received sent = REPLAY.upstream().last("embed");
        assertThat(sent.uri()).isEqualTo("/v1beta/models/gemini-embedding-001:batchEmbedContents");
        assertThat(sent.header("x-goog-api-key")).isEqualTo("AIza-test-key");
        assertThat(sent.uri()).doesNotContain("key=");
        assertThat(ReplayedProvider.JSON.readTree(sent.body())).isEqualTo(ReplayedProvider.JSON.readTree("""
                {"requests":[
                  {"model":"models/gemini-embedding-001","content":{"parts":[{"text":"fixture:embed"}]},"outputDimensionality":4},
                  {"model":"models/gemini-embedding-001","content":{"parts":[{"text":"second"}]},"outputDimensionality":4}]}"""));
    }

    @Test
    void aSingleStringIsOneRequestWithoutADimensionWhenNoneIsAsked() {
        ObjectNode body = (ObjectNode) ReplayedProvider.JSON.readTree(
                "{\"model\":\"google/gemini-embedding-001\",\"input\":\"fixture:http-503-overloaded\"}");

        assertThatThrownBy(() -> adapter.embed(REPLAY.call(body)).block(Duration.ofSeconds(10)))
                .isInstanceOf(ProviderException.class);
        assertThat(ReplayedProvider.JSON.readTree(REPLAY.upstream().last("http-503-overloaded").body()).toString()).isEqualTo(
                "{\"requests\":[{\"model\":\"models/gemini-embedding-001\",\"content\":{\"parts\":[{\"text\":\"fixture:http-503-overloaded\"}]}}]}");
    }

    /** fixture, usage as Gemini reported it (none before usageMetadata), upstream nanos (150 per token), total with 5 %. */
    static Stream<Arguments> recordings() {
        return Stream.of(
                Arguments.of("embed", TokenUsage.NONE, 0L, 0L),
                Arguments.of("embed-usage", new TokenUsage(7, 0, 0, 0, 0), 1_050L, 1_103L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordings")
    void vectorsComeBackInOpenAisShapeInInputOrderWithTheReportedUsage(String fixture, TokenUsage usage,
                                                                      long upstreamNanos, long totalNanos) {
        Completion answer = adapter.embed(call(fixture, ",\"second\"]")).block(Duration.ofSeconds(10));

        JsonNode body = answer.body();
        assertThat(body.path("object").asString()).isEqualTo("list");
        assertThat(body.path("data")).hasSize(2);
        for (int index = 0; index < 2; index++) {
            assertThat(body.path("data").get(index).path("object").asString()).isEqualTo("embedding");
            assertThat(body.path("data").get(index).path("index").asInt()).isEqualTo(index);
        }
        assertThat(vector(body.path("data").get(0))).containsExactly(0.0152325, -0.0087541, -0.0621963, 0.0309284);
        assertThat(vector(body.path("data").get(1))).containsExactly(-0.0120117, 0.0244755, -0.0432915, 0.0051278);
        assertThat(body.has("usage")).isFalse();
        assertThat(answer.usage()).isEqualTo(usage);
        REPLAY.assertCost(usage, upstreamNanos, totalNanos);
    }

    @Test
    void tokenIdsAreRefusedWithoutAnUpstreamCall() {
        int before = REPLAY.upstream().received().size();
        ObjectNode body = (ObjectNode) ReplayedProvider.JSON.readTree("{\"model\":\"google/gemini-embedding-001\",\"input\":[[1,2],[3]]}");

        assertThatThrownBy(() -> adapter.embed(REPLAY.call(body)).block(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ProviderError.InvalidRequest.class);
                    assertThat(e.error().message()).contains("not token ids");
                });
        assertThat(REPLAY.upstream().received()).hasSize(before);
    }

    @Test
    void anAnswerWithAVectorMissingIsAnUnavailableUpstream() {
        assertThatThrownBy(() -> adapter.embed(call("embed", ",\"second\",\"third\"]")).block(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ProviderError.Unavailable.class);
                    assertThat(e.error().message()).isEqualTo("Upstream answered 2 embeddings for 3 inputs");
                });
    }

    /** fixture, the sealed error it becomes, whether another endpoint may be tried. */
    static Stream<Arguments> upstreamErrors() {
        return Stream.of(
                Arguments.of("http-400-invalid", ProviderError.InvalidRequest.class, false),
                Arguments.of("http-503-overloaded", ProviderError.Unavailable.class, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("upstreamErrors")
    void upstreamErrorsBecomeTheSealedProviderErrorWithTheKeyScrubbed(String fixture, Class<? extends ProviderError> kind,
                                                                     boolean retryable) {
        assertThatThrownBy(() -> adapter.embed(call(fixture, "]")).block(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error()).isInstanceOf(kind);
                    assertThat(e.error().provider()).isEqualTo("google");
                    assertThat(e.error().retryable()).isEqualTo(retryable);
                    assertThat(e.error().message()).doesNotContain("AIzaSyD-abcdefghijklmnop");
                });
    }

    /** An embeddings request whose first input names {@code fixture}; {@code rest} closes the input array. */
    private static UpstreamCall call(String fixture, String rest) {
        return REPLAY.call((ObjectNode) ReplayedProvider.JSON.readTree(
                "{\"model\":\"google/gemini-embedding-001\",\"input\":[\"fixture:" + fixture + "\"" + rest + "}"));
    }

    private static List<Double> vector(JsonNode item) {
        return item.path("embedding").valueStream().map(JsonNode::doubleValue).toList();
    }
}
