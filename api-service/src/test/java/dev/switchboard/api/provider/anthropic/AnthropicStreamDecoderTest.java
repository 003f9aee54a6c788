package dev.switchboard.api.provider.anthropic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.switchboard.api.provider.Answer;
import dev.switchboard.api.provider.StreamEvent;
import dev.switchboard.api.provider.TokenUsage;

import static org.assertj.core.api.Assertions.assertThat;

class AnthropicStreamDecoderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void parallelToolUsesBecomeSeparateToolCallIndexesWithTheirOwnArguments() {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder(JSON, "anthropic", 1L, false);
        List<StreamEvent> events = new ArrayList<>();
        for (String data : List.of(
                "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"claude\",\"content\":[],\"usage\":{\"input_tokens\":50,\"output_tokens\":1}}}",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_a\",\"name\":\"get_weather\",\"input\":{}}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\":\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\\\"Paris\\\"}\"}}",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_b\",\"name\":\"get_time\",\"input\":{}}}",
                "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"tz\\\":\\\"CET\\\"}\"}}",
                "{\"type\":\"content_block_stop\",\"index\":1}",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":40}}",
                "{\"type\":\"message_stop\"}")) {
            events.addAll(decoder.decode(data));
        }

        Answer answer = Answer.of(events);
        assertThat(answer.toolNames()).isEqualTo(Map.of(0, "get_weather", 1, "get_time"));
        assertThat(answer.toolArguments()).isEqualTo(Map.of(0, "{\"city\":\"Paris\"}", 1, "{\"tz\":\"CET\"}"));
        assertThat(answer.finishReason()).isEqualTo("tool_calls");
        assertThat(answer.usage()).isEqualTo(new TokenUsage(50, 40, 0, 0, 0));
        assertThat(decoder.usageSoFar()).as("the final usage was already reported").isEmpty();
    }

    @Test
    void messageStartReportsTheExactInputCountBeforeTheOpeningChunk() {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder(JSON, "anthropic", 1L, false);

        List<StreamEvent> events = decoder.decode("{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
                + "\"model\":\"claude\",\"content\":[],\"usage\":{\"input_tokens\":14,\"cache_creation_input_tokens\":512,"
                + "\"cache_read_input_tokens\":2048,\"output_tokens\":1}}}");

        assertThat(events).hasSize(2);
        assertThat(events.getFirst()).isEqualTo(new StreamEvent.InputUsage(new TokenUsage(2_574, 0, 2_048, 512, 0)));
        assertThat(events.getLast()).isInstanceOf(StreamEvent.Chunk.class);
    }

    @Test
    void excludedThinkingIsNotForwardedButReportedAsHiddenPiecesSoACancelledStreamPaysForIt() {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder(JSON, "anthropic", 1L, true);
        decoder.decode("{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"claude\","
                + "\"content\":[],\"usage\":{\"input_tokens\":14,\"output_tokens\":1}}}");
        decoder.decode("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}");

        List<StreamEvent> events = new ArrayList<>();
        events.addAll(decoder.decode("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Let me\"}}"));
        events.addAll(decoder.decode("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\" think\"}}"));
        events.addAll(decoder.decode("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"sig\"}}"));

        assertThat(events).containsExactly(new StreamEvent.HiddenPieces(1), new StreamEvent.HiddenPieces(1));
        assertThat(Answer.of(events).reasoning()).isEmpty();
    }

    @Test
    void unknownEventTypesAreIgnored() {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder(JSON, "anthropic", 1L, false);

        assertThat(decoder.decode("{\"type\":\"some_future_event\",\"detail\":1}")).isEmpty();
    }
}
