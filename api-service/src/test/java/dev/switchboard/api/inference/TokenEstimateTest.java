package dev.switchboard.api.inference;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The prompt estimates are charged when no usage is reported, so about four bytes a token rounds up, never down. */
class TokenEstimateTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest
    @ValueSource(strings = {"a", "ab", "abc", "abcd", "abcde"})
    void aChatPromptEstimateNeverCountsFewerTokensThanAQuarterOfItsBytes(String content) {
        ChatRequest request = ChatRequest.of(JSON.valueToTree(Map.of("model", "test/alpha-model",
                "messages", List.of(Map.of("role", "user", "content", content)))));

        assertThat(request.promptTokensEstimate()).isEqualTo(Math.ceilDiv(request.promptTokensUpper(), 4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "abcde", "abcdefg"})
    void anEmbeddingsInputEstimateRoundsUp(String input) {
        EmbeddingsRequest request = EmbeddingsRequest.of((ObjectNode) JSON.valueToTree(Map.of("model", "test/embed", "input", input)));

        assertThat(request.inputTokensEstimate()).isEqualTo(Math.ceilDiv(request.inputTokensUpper(), 4));
    }
}
