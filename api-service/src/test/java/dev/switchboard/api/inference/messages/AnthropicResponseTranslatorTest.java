package dev.switchboard.api.inference.messages;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class AnthropicResponseTranslatorTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private final AnthropicResponseTranslator translator = new AnthropicResponseTranslator(JSON);

    @Test
    void aChatCompletionBecomesAMessageWithThinkingTextAndToolUseBlocksAndCacheUsage() {
        ObjectNode message = translator.toMessage((ObjectNode) JSON.readTree("""
                {"id":"gen-9","object":"chat.completion","model":"openai/gpt-4o-mini","provider":"OpenAI",
                 "choices":[{"index":0,"finish_reason":"tool_calls","native_finish_reason":"tool_calls",
                   "message":{"role":"assistant","content":"Let me check.",
                     "reasoning":"Need weather.",
                     "reasoning_details":[{"type":"reasoning.text","text":"Need weather.","signature":"sig-9"}],
                     "tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]}}],
                 "usage":{"prompt_tokens":100,"completion_tokens":20,"prompt_tokens_details":{"cached_tokens":60,"cache_write_tokens":30},"cost":0.001}}
                """));

        assertThat(message.toString()).isEqualTo(JSON.readTree("""
                {"id":"gen-9","type":"message","role":"assistant","model":"openai/gpt-4o-mini",
                 "content":[{"type":"thinking","thinking":"Need weather.","signature":"sig-9"},
                            {"type":"text","text":"Let me check.","citations":null},
                            {"type":"tool_use","id":"call_1","name":"get_weather","input":{"city":"Paris"},"caller":{"type":"direct"}}],
                 "stop_reason":"tool_use","stop_sequence":null,"stop_details":null,
                 "usage":{"input_tokens":10,"cache_creation_input_tokens":30,"cache_read_input_tokens":60,"output_tokens":20,
                          "cache_creation":null,"inference_geo":null,"server_tool_use":null,"service_tier":null},
                 "container":null}
                """).toString());
    }

    @Test
    void aLengthStopIsMaxTokensAndBrokenToolArgumentsAreKeptRaw() {
        ObjectNode message = translator.toMessage((ObjectNode) JSON.readTree("""
                {"id":"g","model":"m","choices":[{"finish_reason":"length","message":{"content":null,
                  "tool_calls":[{"id":"c","function":{"name":"f","arguments":"{\\"a\\":"}}]}}],"usage":{"prompt_tokens":1,"completion_tokens":2}}
                """));
        assertThat(message.path("stop_reason").asString()).isEqualTo("max_tokens");
        assertThat(message.path("content").get(0).path("input").path("_raw").asString()).isEqualTo("{\"a\":");
    }
}
