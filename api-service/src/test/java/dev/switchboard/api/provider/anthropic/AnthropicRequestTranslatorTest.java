package dev.switchboard.api.provider.anthropic;

import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.switchboard.api.catalog.Endpoint;
import dev.switchboard.api.provider.TestEndpoints;

import static org.assertj.core.api.Assertions.assertThat;

class AnthropicRequestTranslatorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Endpoint SONNET = TestEndpoints.endpoint("anthropic", "anthropic", "claude-sonnet-4-5",
            TestEndpoints.prices("0.000003", "0.000015", "0.0000003", "0.00000375"), 8_192, Set.of());
    private static final String TOOL = "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"Weather now\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}},\"required\":[\"location\"]}}}";

    /** name, canonical request, JSON pointer into the Anthropic request, expected value there (null: absent). */
    static Stream<Arguments> translations() {
        return Stream.of(
                Arguments.of("system and developer messages become system blocks",
                        "{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"developer\",\"content\":[{\"type\":\"text\",\"text\":\"Use metric.\"}]},{\"role\":\"user\",\"content\":\"Hi\"}]}",
                        "/system", "[{\"type\":\"text\",\"text\":\"Be brief.\"},{\"type\":\"text\",\"text\":\"Use metric.\"}]"),
                Arguments.of("system messages leave the turns",
                        "{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Hi\"}]}",
                        "/messages", "[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}]}]"),
                Arguments.of("multi-turn history keeps its order and roles",
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\",\"content\":\"Hello\"},{\"role\":\"user\",\"content\":\"Weather?\"}]}",
                        "/messages/1", "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Hello\"}]}"),
                Arguments.of("consecutive user messages merge into one turn",
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"one\"},{\"role\":\"user\",\"content\":\"two\"}]}",
                        "/messages/0/content", "[{\"type\":\"text\",\"text\":\"one\"},{\"type\":\"text\",\"text\":\"two\"}]"),
                Arguments.of("max_tokens defaults to the endpoint's cap, as the credit hold assumed",
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", "/max_tokens", "8192"),
                Arguments.of("max_completion_tokens becomes max_tokens",
                        "{\"max_completion_tokens\":300,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", "/max_tokens", "300"),
                Arguments.of("a stop string becomes stop_sequences",
                        "{\"stop\":\"END\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", "/stop_sequences", "[\"END\"]"),
                Arguments.of("stop arrays pass as stop_sequences",
                        "{\"stop\":[\"a\",\"b\"],\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", "/stop_sequences", "[\"a\",\"b\"]"),
                Arguments.of("temperature passes through",
                        "{\"temperature\":0.2,\"top_p\":0.9,\"top_k\":40,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", "/temperature", "0.2"),
                Arguments.of("top_k passes through",
                        "{\"temperature\":0.2,\"top_p\":0.9,\"top_k\":40,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", "/top_k", "40"),
                Arguments.of("penalties have no Anthropic counterpart and are not sent",
                        "{\"frequency_penalty\":0.5,\"seed\":7,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", "/frequency_penalty", null),
                Arguments.of("tools become name, description and input_schema",
                        "{\"tools\":[" + TOOL + "],\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                        "/tools/0", "{\"name\":\"get_weather\",\"description\":\"Weather now\",\"input_schema\":{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}},\"required\":[\"location\"]}}"),
                Arguments.of("no tool_choice means auto",
                        "{\"tools\":[" + TOOL + "],\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", "/tool_choice", "{\"type\":\"auto\"}"),
                Arguments.of("tool_choice required becomes any",
                        "{\"tools\":[" + TOOL + "],\"tool_choice\":\"required\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", "/tool_choice", "{\"type\":\"any\"}"),
                Arguments.of("a named function becomes a tool choice",
                        "{\"tools\":[" + TOOL + "],\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                        "/tool_choice", "{\"type\":\"tool\",\"name\":\"get_weather\"}"),
                Arguments.of("parallel_tool_calls false disables parallel tool use",
                        "{\"tools\":[" + TOOL + "],\"parallel_tool_calls\":false,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                        "/tool_choice", "{\"type\":\"auto\",\"disable_parallel_tool_use\":true}"),
                Arguments.of("assistant tool calls become tool_use blocks with parsed input",
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"},{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"toolu_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"location\\\":\\\"Paris\\\"}\"}}]}]}",
                        "/messages/1/content/0", "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{\"location\":\"Paris\"}}"),
                Arguments.of("tool results become tool_result blocks in a user turn",
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"},{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"toolu_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{}\"}}]},{\"role\":\"tool\",\"tool_call_id\":\"toolu_1\",\"content\":\"18C\"}]}",
                        "/messages/2", "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":\"18C\"}]}"),
                Arguments.of("an image URL becomes a url source",
                        "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/panda.jpg\"}}]}]}",
                        "/messages/0/content/0", "{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"https://example.com/panda.jpg\"}}"),
                Arguments.of("a base64 image becomes a base64 source with its media type",
                        "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,iVBORw0KGgo=\"}}]}]}",
                        "/messages/0/content/0", "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}}"),
                Arguments.of("a PDF file becomes a document block",
                        "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"file\",\"file\":{\"filename\":\"terms.pdf\",\"file_data\":\"data:application/pdf;base64,JVBERi0xLjQ=\"}}]}]}",
                        "/messages/0/content/0", "{\"type\":\"document\",\"source\":{\"type\":\"base64\",\"media_type\":\"application/pdf\",\"data\":\"JVBERi0xLjQ=\"},\"title\":\"terms.pdf\"}"),
                Arguments.of("cache_control on a part passes through",
                        "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"long document\",\"cache_control\":{\"type\":\"ephemeral\"}}]}]}",
                        "/messages/0/content/0", "{\"type\":\"text\",\"text\":\"long document\",\"cache_control\":{\"type\":\"ephemeral\"}}"),
                Arguments.of("cache_control on a system part passes through",
                        "{\"messages\":[{\"role\":\"system\",\"content\":[{\"type\":\"text\",\"text\":\"rules\",\"cache_control\":{\"type\":\"ephemeral\"}}]},{\"role\":\"user\",\"content\":\"Hi\"}]}",
                        "/system/0/cache_control", "{\"type\":\"ephemeral\"}"),
                Arguments.of("effort high is 80 % of max_tokens as a thinking budget",
                        "{\"max_tokens\":10000,\"reasoning\":{\"effort\":\"high\"},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                        "/thinking", "{\"type\":\"enabled\",\"budget_tokens\":8000}"),
                Arguments.of("an explicit reasoning budget is used as is",
                        "{\"max_tokens\":10000,\"reasoning\":{\"max_tokens\":2048},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                        "/thinking/budget_tokens", "2048"),
                Arguments.of("thinking drops a changed temperature, which Anthropic refuses with it",
                        "{\"max_tokens\":10000,\"temperature\":0.3,\"reasoning\":{\"max_tokens\":2048},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                        "/temperature", null),
                Arguments.of("a budget below Anthropic's minimum is raised to 1024",
                        "{\"max_tokens\":3000,\"reasoning\":{\"effort\":\"low\"},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                        "/thinking/budget_tokens", "1024"),
                Arguments.of("max_tokens too small for the minimum budget leaves thinking off",
                        "{\"max_tokens\":1000,\"reasoning\":{\"effort\":\"high\"},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                        "/thinking", null),
                Arguments.of("reasoning details in history go back as signed thinking blocks",
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"Q\"},{\"role\":\"assistant\",\"content\":\"A\",\"reasoning_details\":[{\"type\":\"reasoning.text\",\"text\":\"hmm\",\"signature\":\"sig1\",\"format\":\"anthropic-claude-v1\"}]},{\"role\":\"user\",\"content\":\"Q2\"}]}",
                        "/messages/1/content/0", "{\"type\":\"thinking\",\"thinking\":\"hmm\",\"signature\":\"sig1\"}"),
                Arguments.of("a json_schema response format becomes structured output",
                        "{\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"city\",\"schema\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"],\"additionalProperties\":false}}},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                        "/output_config", "{\"format\":{\"type\":\"json_schema\",\"schema\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"],\"additionalProperties\":false}}}"),
                Arguments.of("json_object has no Anthropic counterpart and is not sent",
                        "{\"response_format\":{\"type\":\"json_object\"},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                        "/output_config", null),
                Arguments.of("user becomes metadata.user_id",
                        "{\"user\":\"u-42\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", "/metadata/user_id", "\"u-42\""),
                Arguments.of("the upstream model id replaces the catalog's",
                        "{\"model\":\"anthropic/claude-sonnet-4.5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", "/model", "\"claude-sonnet-4-5\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("translations")
    void canonicalRequestTranslatesToAnthropicMessages(String name, String canonical, String pointer, String expected) {
        ObjectNode upstream = AnthropicRequestTranslator.toUpstream((ObjectNode) JSON.readTree(canonical), SONNET, false);

        JsonNode actual = upstream.at(pointer);
        if (expected == null) {
            assertThat(actual.isMissingNode()).as(upstream.toString()).isTrue();
        } else {
            assertThat(JSON.readTree(actual.toString())).as(upstream.toString()).isEqualTo(JSON.readTree(expected));
        }
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {true, false})
    void streamFlagFollowsTheCall(boolean stream) {
        ObjectNode upstream = AnthropicRequestTranslator.toUpstream(
                (ObjectNode) JSON.readTree("{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"), SONNET, stream);

        assertThat(upstream.path("stream").asBoolean(false)).isEqualTo(stream);
    }
}
