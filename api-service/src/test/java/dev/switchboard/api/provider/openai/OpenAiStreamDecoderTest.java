package dev.switchboard.api.provider.openai;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.switchboard.api.provider.ProviderError;
import dev.switchboard.api.provider.ProviderException;
import dev.switchboard.api.provider.StreamEvent;
import dev.switchboard.api.provider.TokenUsage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenAiStreamDecoderTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    static Stream<Arguments> recordedStreams() {
        return Stream.of(
                Arguments.of("stream-text.sse", 5, 3, "stop", new TokenUsage(19, 3, 0, 0, 0)),
                Arguments.of("stream-tool-call.sse", 4, 2, "tool_calls", new TokenUsage(61, 17, 32, 0, 0)));
    }

    @ParameterizedTest
    @MethodSource("recordedStreams")
    void recordedStreamDecodesToChunksAndExactUsage(String fixture, int chunks, int pieces, String finish,
                                                    TokenUsage usage) throws IOException {
        List<StreamEvent> events = decodeAll(fixture);

        List<StreamEvent.Chunk> chunkEvents = events.stream().filter(StreamEvent.Chunk.class::isInstance)
                .map(StreamEvent.Chunk.class::cast).toList();
        assertThat(chunkEvents).hasSize(chunks);
        assertThat(chunkEvents.stream().mapToInt(StreamEvent.Chunk::generatedPieces).sum()).isEqualTo(pieces);
        assertThat(chunkEvents.getLast().finishReason()).isEqualTo(finish);
        assertThat(chunkEvents).allSatisfy(c -> assertThat(c.chunk().has("usage")).isFalse());
        assertThat(events.getLast()).isEqualTo(new StreamEvent.Usage(usage, chunkEvents.getFirst().chunk().get("id").asString()));
    }

    @Test
    void toolCallArgumentsPassThroughPieceByPiece() throws IOException {
        List<StreamEvent> events = decodeAll("stream-tool-call.sse");
        StringBuilder arguments = new StringBuilder();
        for (StreamEvent event : events) {
            if (event instanceof StreamEvent.Chunk chunk) {
                chunk.chunk().path("choices").path(0).path("delta").path("tool_calls")
                        .forEach(call -> arguments.append(call.path("function").path("arguments").asString("")));
            }
        }
        assertThat(arguments.toString()).isEqualTo("{\"location\": \"Paris\"}");
    }

    @Test
    void errorObjectMidStreamFailsWithAScrubbedProviderError() throws IOException {
        OpenAiStreamDecoder decoder = new OpenAiStreamDecoder(JSON, "openai", CompatibleProfile.OPENAI);
        List<String> payloads = payloads("stream-midstream-error.sse");

        assertThat(decoder.decode(payloads.get(0))).hasSize(1);
        assertThat(decoder.decode(payloads.get(1))).hasSize(1);
        assertThatThrownBy(() -> decoder.decode(payloads.get(2)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ProviderError.Unavailable.class);
                    assertThat(e.error().message()).contains("server had an error").doesNotContain("sk-proj-abcdefghijklmnop");
                });
    }

    @Test
    void translatorAsksForStreamUsageAndKeepsUnknownFields() {
        ObjectNode canonical = JSON.createObjectNode();
        canonical.put("model", "openai/gpt-4o-mini");
        canonical.putArray("messages").addObject().put("role", "user").put("content", "hi");
        canonical.put("some_future_field", 42);
        canonical.putObject("provider").put("sort", "price");
        canonical.putArray("models").add("openai/gpt-4o-mini");

        ObjectNode upstream = OpenAiTranslator.toUpstream(canonical, "gpt-4o-mini", true, CompatibleProfile.OPENAI);

        assertThat(upstream.get("model").asString()).isEqualTo("gpt-4o-mini");
        assertThat(upstream.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(upstream.get("some_future_field").asInt()).isEqualTo(42);
        assertThat(upstream.has("provider")).isFalse();
        assertThat(upstream.has("models")).isFalse();
        assertThat(canonical.get("model").asString()).as("the canonical body is not mutated").isEqualTo("openai/gpt-4o-mini");
    }

    private static List<StreamEvent> decodeAll(String fixture) throws IOException {
        OpenAiStreamDecoder decoder = new OpenAiStreamDecoder(JSON, "openai", CompatibleProfile.OPENAI);
        List<StreamEvent> events = new ArrayList<>();
        for (String payload : payloads(fixture)) {
            events.addAll(decoder.decode(payload));
        }
        return events;
    }

    static List<String> payloads(String fixture) throws IOException {
        try (InputStream in = OpenAiStreamDecoderTest.class.getResourceAsStream("/fixtures/openai/" + fixture)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Arrays.stream(text.split("\n\n"))
                    .map(String::strip)
                    .filter(block -> block.startsWith("data: "))
                    .map(block -> block.substring("data: ".length()))
                    .toList();
        }
    }
}
