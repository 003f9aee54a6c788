package dev.switchboard.api.provider.gemini;

import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.switchboard.api.catalog.Endpoint;
import dev.switchboard.api.provider.TestEndpoints;

import static org.assertj.core.api.Assertions.assertThat;

class GeminiRequestTranslatorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Endpoint FLASH = TestEndpoints.endpoint("google", "gemini", "gemini-2.5-flash",
            TestEndpoints.prices("0.0000003", "0.0000025", "0.00000003", "0"), 65_536, Set.of());
    private static final String TOOL = "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"Weather now\","
            + "\"parameters\":{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\",\"additionalProperties\":false,"
            + "\"properties\":{\"location\":{\"type\":\"string\"},\"strict\":{\"type\":\"boolean\"}},\"required\":[\"location\"]}}}";
    private static final String HI = "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]";

    /** name, canonical request, JSON pointer into the Gemini request, expected value there (null: absent). */
    static Stream<Arguments> translations() {
        return Stream.of(
                Arguments.of("system and developer messages become the system instruction",
                        "{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"developer\",\"content\":\"Use metric.\"},{\"role\":\"user\",\"content\":\"Hi\"}]}",
                        "/systemInstruction", "{\"parts\":[{\"text\":\"Be brief.\"},{\"text\":\"Use metric.\"}]}"),
                Arguments.of("assistant turns are model turns",
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\",\"content\":\"Hello\"},{\"role\":\"user\",\"content\":\"Weather?\"}]}",
                        "/contents", "[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]},{\"role\":\"model\",\"parts\":[{\"text\":\"Hello\"}]},{\"role\":\"user\",\"parts\":[{\"text\":\"Weather?\"}]}]"),
                Arguments.of("a base64 image becomes inline data",
                        "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is this?\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,iVBORw0KGgo=\"}}]}]}",
                        "/contents/0/parts/1", "{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}}"),
                Arguments.of("an image URL becomes file data with its type",
                        "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/panda.webp?size=2\"}}]}]}",
                        "/contents/0/parts/0", "{\"fileData\":{\"mimeType\":\"image/webp\",\"fileUri\":\"https://example.com/panda.webp?size=2\"}}"),
                Arguments.of("a PDF becomes inline data",
                        "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"file\",\"file\":{\"filename\":\"t.pdf\",\"file_data\":\"data:application/pdf;base64,JVBERi0=\"}}]}]}",
                        "/contents/0/parts/0", "{\"inlineData\":{\"mimeType\":\"application/pdf\",\"data\":\"JVBERi0=\"}}"),
                Arguments.of("tools become function declarations without the schema keywords Gemini refuses",
                        "{\"tools\":[" + TOOL + "]," + HI + "}",
                        "/tools/0/functionDeclarations/0", "{\"name\":\"get_weather\",\"description\":\"Weather now\",\"parameters\":{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"},\"strict\":{\"type\":\"boolean\"}},\"required\":[\"location\"]}}"),
                Arguments.of("tool_choice required is mode ANY",
                        "{\"tools\":[" + TOOL + "],\"tool_choice\":\"required\"," + HI + "}",
                        "/toolConfig", "{\"functionCallingConfig\":{\"mode\":\"ANY\"}}"),
                Arguments.of("tool_choice none is mode NONE",
                        "{\"tools\":[" + TOOL + "],\"tool_choice\":\"none\"," + HI + "}",
                        "/toolConfig/functionCallingConfig/mode", "\"NONE\""),
                Arguments.of("a named function limits the allowed functions",
                        "{\"tools\":[" + TOOL + "],\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}," + HI + "}",
                        "/toolConfig", "{\"functionCallingConfig\":{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"get_weather\"]}}"),
                Arguments.of("assistant tool calls become function calls with their thought signature",
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"},{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"location\\\":\\\"Paris\\\"}\"}}],\"reasoning_details\":[{\"type\":\"reasoning.encrypted\",\"id\":\"call_1\",\"data\":\"c2ln\",\"format\":\"google-gemini-v1\"}]}]}",
                        "/contents/1", "{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"get_weather\",\"args\":{\"location\":\"Paris\"}},\"thoughtSignature\":\"c2ln\"}]}"),
                Arguments.of("a JSON tool result becomes the function response, named through the call id",
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"},{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{}\"}}]},{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"{\\\"temp_c\\\":18}\"}]}",
                        "/contents/2", "{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"get_weather\",\"response\":{\"temp_c\":18}}}]}"),
                Arguments.of("a plain-text tool result is wrapped as content",
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"},{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{}\"}}]},{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"18C\"}]}",
                        "/contents/2/parts/0/functionResponse/response", "{\"content\":\"18C\"}"),
                Arguments.of("sampling, limits and stop sequences go into the generation config",
                        "{\"temperature\":0.2,\"top_p\":0.9,\"top_k\":40,\"max_tokens\":500,\"stop\":\"END\",\"seed\":7,\"presence_penalty\":0.1,\"frequency_penalty\":0.3," + HI + "}",
                        "/generationConfig", "{\"temperature\":0.2,\"topP\":0.9,\"topK\":40,\"presencePenalty\":0.1,\"frequencyPenalty\":0.3,\"seed\":7,\"maxOutputTokens\":500,\"stopSequences\":[\"END\"]}"),
                Arguments.of("json_object asks for JSON",
                        "{\"response_format\":{\"type\":\"json_object\"}," + HI + "}",
                        "/generationConfig", "{\"responseMimeType\":\"application/json\"}"),
                Arguments.of("json_schema becomes a response schema",
                        "{\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"city\",\"strict\":true,\"schema\":{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"]}}}," + HI + "}",
                        "/generationConfig", "{\"responseMimeType\":\"application/json\",\"responseSchema\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"]}}"),
                Arguments.of("effort high is 80 % of the output allowance, thoughts included",
                        "{\"max_tokens\":10000,\"reasoning\":{\"effort\":\"high\"}," + HI + "}",
                        "/generationConfig/thinkingConfig", "{\"thinkingBudget\":8000,\"includeThoughts\":true}"),
                Arguments.of("an explicit budget is used as is; exclude hides the thoughts",
                        "{\"reasoning\":{\"max_tokens\":512,\"exclude\":true}," + HI + "}",
                        "/generationConfig/thinkingConfig", "{\"thinkingBudget\":512,\"includeThoughts\":false}"),
                Arguments.of("no reasoning asked, no thinking config",
                        "{" + HI + "}", "/generationConfig", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("translations")
    void canonicalRequestTranslatesToGenerateContent(String name, String canonical, String pointer, String expected) {
        ObjectNode upstream = GeminiRequestTranslator.toUpstream((ObjectNode) JSON.readTree(canonical), FLASH);

        JsonNode actual = upstream.at(pointer);
        if (expected == null) {
            assertThat(actual.isMissingNode()).as(upstream.toString()).isTrue();
        } else {
            assertThat(JSON.readTree(actual.toString())).as(upstream.toString()).isEqualTo(JSON.readTree(expected));
        }
    }
}
