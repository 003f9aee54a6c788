package dev.switchboard.api.inference.messages;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import dev.switchboard.api.provider.TokenUsage;

import static org.assertj.core.api.Assertions.assertThat;

class AnthropicStreamTranslatorTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @Test
    void aRecordedTextStreamBecomesAnthropicsExactEventSequence() throws IOException {
        AnthropicStreamTranslator translator = new AnthropicStreamTranslator("gen-1", "openai/gpt-4o-mini", 12);
        List<NamedEvent> events = new ArrayList<>();
        for (JsonNode chunk : recorded("stream-text.sse")) {
            events.addAll(translator.chunk(chunk));
        }
        events.addAll(translator.finish(JSON.readTree("""
                {"prompt_tokens":19,"completion_tokens":3,"prompt_tokens_details":{"cached_tokens":0,"cache_write_tokens":0}}""")));

        assertThat(names(events)).containsExactly("message_start", "content_block_start", "content_block_delta",
                "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        JsonNode start = events.getFirst().data().path("message");
        assertThat(start.path("id").asString()).isEqualTo("gen-1");
        assertThat(start.path("model").asString()).isEqualTo("openai/gpt-4o-mini");
        assertThat(start.path("usage").path("input_tokens").asLong()).isEqualTo(12);
        assertThat(events.get(1).data().path("content_block").path("type").asString()).isEqualTo("text");
        String text = events.stream().filter(e -> e.name().equals("content_block_delta"))
                .map(e -> e.data().path("delta").path("text").asString()).reduce("", String::concat);
        assertThat(text).isEqualTo("Hello there!");
        JsonNode delta = events.get(6).data();
        assertThat(delta.path("delta").path("stop_reason").asString()).isEqualTo("end_turn");
        assertThat(delta.path("usage").path("input_tokens").asLong()).isEqualTo(19);
        assertThat(delta.path("usage").path("output_tokens").asLong()).isEqualTo(3);
    }

    @Test
    void streamedToolCallArgumentsArriveAsInputJsonDeltasOfOneToolUseBlock() throws IOException {
        AnthropicStreamTranslator translator = new AnthropicStreamTranslator("gen-2", "openai/gpt-4o-mini", 50);
        List<NamedEvent> events = new ArrayList<>();
        for (JsonNode chunk : recorded("stream-tool-call.sse")) {
            events.addAll(translator.chunk(chunk));
        }
        events.addAll(translator.finish(JSON.readTree("""
                {"prompt_tokens":61,"completion_tokens":17,"prompt_tokens_details":{"cached_tokens":32}}""")));

        assertThat(names(events)).containsExactly("message_start", "content_block_start", "content_block_delta",
                "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        JsonNode block = events.get(1).data().path("content_block");
        assertThat(block.path("type").asString()).isEqualTo("tool_use");
        assertThat(block.path("id").asString()).isEqualTo("call_abc");
        assertThat(block.path("name").asString()).isEqualTo("get_weather");
        String arguments = events.stream().filter(e -> e.name().equals("content_block_delta"))
                .peek(e -> assertThat(e.data().path("delta").path("type").asString()).isEqualTo("input_json_delta"))
                .map(e -> e.data().path("delta").path("partial_json").asString()).reduce("", String::concat);
        assertThat(JSON.readTree(arguments).path("location").asString()).isEqualTo("Paris");
        JsonNode delta = events.get(5).data();
        assertThat(delta.path("delta").path("stop_reason").asString()).isEqualTo("tool_use");
        // 61 prompt tokens of which 32 cache reads: Anthropic reports them beside input_tokens, never twice.
        assertThat(delta.path("usage").path("input_tokens").asLong()).isEqualTo(29);
        assertThat(delta.path("usage").path("cache_read_input_tokens").asLong()).isEqualTo(32);
        assertThat(delta.path("usage").path("cache_creation_input_tokens").asLong()).isZero();
    }

    @Test
    void reasoningBecomesAThinkingBlockWithItsSignatureBeforeTheText() {
        AnthropicStreamTranslator translator = new AnthropicStreamTranslator("gen-3", "anthropic/claude-sonnet-4", 10);
        List<NamedEvent> events = new ArrayList<>();
        events.addAll(translator.chunk(JSON.readTree("""
                {"choices":[{"index":0,"delta":{"reasoning":"Let me think","reasoning_details":[{"type":"reasoning.text","text":"Let me think"}]}}]}""")));
        events.addAll(translator.chunk(JSON.readTree("""
                {"choices":[{"index":0,"delta":{"reasoning_details":[{"type":"reasoning.text","text":"","signature":"sig-123"}]}}]}""")));
        events.addAll(translator.chunk(JSON.readTree("""
                {"choices":[{"index":0,"delta":{"content":"42"},"finish_reason":"length","native_finish_reason":"max_tokens"}]}""")));
        events.addAll(translator.finish(JSON.readTree("""
                {"prompt_tokens":10,"completion_tokens":30,"completion_tokens_details":{"reasoning_tokens":25}}""")));

        assertThat(names(events)).containsExactly("message_start", "content_block_start", "content_block_delta",
                "content_block_delta", "content_block_stop", "content_block_start", "content_block_delta",
                "content_block_stop", "message_delta", "message_stop");
        assertThat(events.get(1).data().path("content_block").path("type").asString()).isEqualTo("thinking");
        assertThat(events.get(2).data().path("delta").path("type").asString()).isEqualTo("thinking_delta");
        assertThat(events.get(2).data().path("delta").path("thinking").asString()).isEqualTo("Let me think");
        assertThat(events.get(3).data().path("delta").path("type").asString()).isEqualTo("signature_delta");
        assertThat(events.get(3).data().path("delta").path("signature").asString()).isEqualTo("sig-123");
        assertThat(events.get(5).data().path("index").asInt()).isEqualTo(1);
        assertThat(events.get(6).data().path("delta").path("text").asString()).isEqualTo("42");
        assertThat(events.get(8).data().path("delta").path("stop_reason").asString()).isEqualTo("max_tokens");
    }

    @Test
    void anInputCountFromTheUpstreamReplacesTheEstimateInMessageStartAndTheLastDeltaCarriesTheChargedCounts() {
        AnthropicStreamTranslator translator = new AnthropicStreamTranslator("gen-7", "anthropic/claude-sonnet-4.5", 900);
        translator.inputCounted(new TokenUsage(2_574, 0, 2_048, 512, 0));
        List<NamedEvent> events = new ArrayList<>(translator.chunk(JSON.readTree(
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Section 3\"}}]}")));
        events.addAll(translator.finish(JSON.readTree("""
                {"prompt_tokens":2574,"completion_tokens":27,"prompt_tokens_details":{"cached_tokens":2048,"cache_write_tokens":512}}""")));

        JsonNode start = events.getFirst().data().path("message").path("usage");
        JsonNode last = events.get(events.size() - 2).data().path("usage");
        for (JsonNode usage : List.of(start, last)) {
            assertThat(usage.path("input_tokens").asLong()).isEqualTo(14);
            assertThat(usage.path("cache_read_input_tokens").asLong()).isEqualTo(2_048);
            assertThat(usage.path("cache_creation_input_tokens").asLong()).isEqualTo(512);
        }
        assertThat(start.path("output_tokens").asLong()).isZero();
        assertThat(last.path("output_tokens").asLong()).isEqualTo(27);
    }

    @Test
    void pingsChangeNothingAndTheFirstChunkOpensTheMessage() {
        AnthropicStreamTranslator translator = new AnthropicStreamTranslator("gen-4", "m", 5);
        assertThat(AnthropicStreamTranslator.ping().getFirst().data().toString()).isEqualTo("{\"type\":\"ping\"}");
        assertThat(names(translator.chunk(JSON.readTree("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}"))))
                .containsExactly("message_start", "content_block_start", "content_block_delta");
    }

    @Test
    void aStreamWithNoOutputStillOpensAndClosesTheMessage() {
        AnthropicStreamTranslator translator = new AnthropicStreamTranslator("gen-6", "m", 5);
        assertThat(names(translator.finish(JSON.readTree("{\"prompt_tokens\":5,\"completion_tokens\":0}"))))
                .containsExactly("message_start", "message_delta", "message_stop");
    }

    @Test
    void aMidStreamErrorIsAnErrorEventInAnthropicsShape() {
        AnthropicStreamTranslator translator = new AnthropicStreamTranslator("gen-5", "m", 5);
        List<NamedEvent> events = translator.error("api_error", "Provider returned error");
        assertThat(names(events)).containsExactly("error");
        assertThat(events.getFirst().data().toString())
                .isEqualTo("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Provider returned error\"}}");
    }

    private static List<String> names(List<NamedEvent> events) {
        return events.stream().map(NamedEvent::name).toList();
    }

    private static List<JsonNode> recorded(String fixture) throws IOException {
        try (InputStream in = AnthropicStreamTranslatorTest.class.getResourceAsStream("/fixtures/openai/" + fixture)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Arrays.stream(text.split("\n\n"))
                    .map(String::strip)
                    .filter(event -> event.startsWith("data: {"))
                    .map(event -> JSON.readTree(event.substring("data: ".length())))
                    .filter(chunk -> !chunk.path("choices").isEmpty())
                    .toList();
        }
    }
}
