package dev.switchboard.api.provider.gemini;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.switchboard.api.provider.Answer;
import dev.switchboard.api.provider.TokenUsage;

import static org.assertj.core.api.Assertions.assertThat;

class GeminiStreamDecoderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void parallelFunctionCallsInOneEventGetTheirOwnIndexes() {
        GeminiStreamDecoder decoder = new GeminiStreamDecoder(JSON, "google", 1L);

        Answer answer = Answer.of(decoder.decode("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":["
                + "{\"functionCall\":{\"name\":\"get_weather\",\"args\":{\"city\":\"Paris\"}}},"
                + "{\"functionCall\":{\"name\":\"get_time\",\"args\":{\"tz\":\"CET\"}}}]},\"finishReason\":\"STOP\"}],"
                + "\"usageMetadata\":{\"promptTokenCount\":30,\"candidatesTokenCount\":12},\"responseId\":\"r1\"}"));

        assertThat(answer.toolNames()).isEqualTo(Map.of(0, "get_weather", 1, "get_time"));
        assertThat(answer.toolArguments()).isEqualTo(Map.of(0, "{\"city\":\"Paris\"}", 1, "{\"tz\":\"CET\"}"));
        assertThat(answer.finishReason()).isEqualTo("tool_calls");
        assertThat(answer.usage()).isEqualTo(new TokenUsage(30, 12, 0, 0, 0));
    }

    @Test
    void aStreamThatEndsWithoutAFinishReasonStillReportsItsLastUsage() {
        GeminiStreamDecoder decoder = new GeminiStreamDecoder(JSON, "google", 1L);
        decoder.decode("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hi\"}]}}],"
                + "\"usageMetadata\":{\"promptTokenCount\":5,\"candidatesTokenCount\":1},\"responseId\":\"r2\"}");

        assertThat(Answer.of(decoder.end()).usage()).isEqualTo(new TokenUsage(5, 1, 0, 0, 0));
        assertThat(decoder.end()).isEmpty();
    }
}
