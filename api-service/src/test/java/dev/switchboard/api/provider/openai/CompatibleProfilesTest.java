package dev.switchboard.api.provider.openai;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.switchboard.api.provider.StreamEvent;

import static org.assertj.core.api.Assertions.assertThat;

class CompatibleProfilesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final CompatibleProfiles PROFILES = new CompatibleProfiles(JSON);
    private static final String REQUEST = "{\"model\":\"x/y\",\"max_tokens\":100,\"seed\":7,\"top_k\":5,"
            + "\"reasoning\":{\"effort\":\"low\"},\"provider\":{\"order\":[\"a\"]},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    @Test
    void everyLongTailProviderHasAProfile() {
        assertThat(List.of("groq", "together", "fireworks", "deepinfra", "deepseek", "mistral", "xai", "perplexity",
                "cerebras", "openrouter", "vllm", "ollama", "llamacpp"))
                .allSatisfy(slug -> assertThat(PROFILES.profile(slug).slug()).isEqualTo(slug));
        assertThat(PROFILES.profile("vllm").keyless()).isTrue();
        assertThat(PROFILES.defaultBaseUrl("ollama")).contains("http://127.0.0.1:11434/v1");
        assertThat(PROFILES.profile("unknown-provider")).isEqualTo(CompatibleProfile.OPENAI);
    }

    /** provider, streamed?, JSON pointer into the upstream request, expected value (null: absent). */
    static Stream<Arguments> differences() {
        return Stream.of(
                Arguments.of("openai", false, "/max_tokens", "100"),
                Arguments.of("openai", false, "/reasoning_effort", "\"low\""),
                Arguments.of("groq", false, "/max_completion_tokens", "100"),
                Arguments.of("groq", false, "/top_k", null),
                Arguments.of("deepseek", false, "/max_tokens", "100"),
                Arguments.of("deepseek", false, "/seed", null),
                Arguments.of("deepseek", false, "/reasoning_effort", null),
                Arguments.of("together", true, "/stream_options", "{\"include_usage\":true}"),
                Arguments.of("mistral", true, "/stream_options", null),
                Arguments.of("perplexity", true, "/stream_options", null),
                Arguments.of("openrouter", false, "/reasoning", "{\"effort\":\"low\"}"),
                Arguments.of("openrouter", false, "/provider", null),
                Arguments.of("ollama", false, "/seed", "7"),
                Arguments.of("vllm", false, "/model", "\"upstream-id\""));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("differences")
    void profileShapesTheUpstreamRequest(String slug, boolean stream, String pointer, String expected) {
        ObjectNode upstream = OpenAiTranslator.toUpstream((ObjectNode) JSON.readTree(REQUEST), "upstream-id", stream,
                PROFILES.profile(slug));

        JsonNode actual = upstream.at(pointer);
        if (expected == null) {
            assertThat(actual.isMissingNode()).as(upstream.toString()).isTrue();
        } else {
            assertThat(JSON.readTree(actual.toString())).as(upstream.toString()).isEqualTo(JSON.readTree(expected));
        }
    }

    @Test
    void reasoningContentIsRenamedToReasoningForClients() {
        OpenAiStreamDecoder decoder = new OpenAiStreamDecoder(JSON, "deepseek", PROFILES.profile("deepseek"));

        List<StreamEvent> events = decoder.decode("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"deepseek-reasoner\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"Let me think\"},\"finish_reason\":null}]}");

        StreamEvent.Chunk chunk = (StreamEvent.Chunk) events.getFirst();
        assertThat(chunk.chunk().at("/choices/0/delta/reasoning").asString()).isEqualTo("Let me think");
        assertThat(chunk.chunk().at("/choices/0/delta/reasoning_content").isMissingNode()).isTrue();
        assertThat(chunk.generatedPieces()).isEqualTo(1);
    }
}
