package dev.switchboard.api.inference.messages;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.switchboard.api.error.ApiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnthropicRequestTranslatorTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private final AnthropicRequestTranslator translator = new AnthropicRequestTranslator(JSON);

    @Test
    void aFullConversationBecomesTheEquivalentChatRequest() {
        ObjectNode chat = translator.toChat((ObjectNode) JSON.readTree("""
                {"model":"openai/gpt-4o-mini","max_tokens":256,"stream":true,"temperature":0.2,"top_p":0.9,"top_k":40,
                 "system":[{"type":"text","text":"Be brief.","cache_control":{"type":"ephemeral"}}],
                 "stop_sequences":["END"],"metadata":{"user_id":"u-7"},
                 "thinking":{"type":"enabled","budget_tokens":2048},
                 "tools":[{"name":"get_weather","description":"Weather now","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}],
                 "tool_choice":{"type":"any","disable_parallel_tool_use":true},
                 "messages":[
                   {"role":"user","content":[{"type":"text","text":"Weather in Paris?"},
                                             {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBOR"}}]},
                   {"role":"assistant","content":[{"type":"thinking","thinking":"Use the tool.","signature":"sig-1"},
                                                  {"type":"text","text":"Checking."},
                                                  {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}]},
                   {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"text","text":"18C"}]},
                                             {"type":"text","text":"And tomorrow?"}]}]}
                """));

        assertThat(chat.toString()).isEqualTo(JSON.readTree("""
                {"model":"openai/gpt-4o-mini","stream":true,"temperature":0.2,"top_p":0.9,"top_k":40,"max_tokens":256,
                 "messages":[
                   {"role":"system","content":[{"type":"text","text":"Be brief.","cache_control":{"type":"ephemeral"}}]},
                   {"role":"user","content":[{"type":"text","text":"Weather in Paris?"},
                                             {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBOR"}}]},
                   {"role":"assistant","content":"Checking.",
                    "tool_calls":[{"id":"toolu_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}],
                    "reasoning":"Use the tool.",
                    "reasoning_details":[{"type":"reasoning.text","text":"Use the tool.","format":"anthropic-claude-v1","signature":"sig-1"}]},
                   {"role":"tool","tool_call_id":"toolu_1","content":"18C"},
                   {"role":"user","content":[{"type":"text","text":"And tomorrow?"}]}],
                 "stop":["END"],
                 "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather now",
                           "parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}],
                 "tool_choice":"required","parallel_tool_calls":false,
                 "reasoning":{"max_tokens":2048},
                 "user":"u-7"}
                """).toString());
    }

    static Stream<Arguments> toolChoices() {
        return Stream.of(
                Arguments.of("{\"type\":\"auto\"}", "\"auto\""),
                Arguments.of("{\"type\":\"none\"}", "\"none\""),
                Arguments.of("{\"type\":\"tool\",\"name\":\"f\"}", "{\"type\":\"function\",\"function\":{\"name\":\"f\"}}"));
    }

    @ParameterizedTest
    @MethodSource("toolChoices")
    void toolChoiceMapsToChatsEquivalent(String anthropic, String chat) {
        ObjectNode out = translator.toChat((ObjectNode) JSON.readTree(
                "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"tool_choice\":" + anthropic + "}"));
        assertThat(out.get("tool_choice").toString()).isEqualTo(chat);
    }

    @Test
    void aFailedToolResultTellsTheModelItFailed() {
        ObjectNode out = translator.toChat((ObjectNode) JSON.readTree("""
                {"model":"m","max_tokens":5,"messages":[{"role":"user","content":[
                  {"type":"tool_result","tool_use_id":"t1","is_error":true,"content":"city not found"}]}]}"""));
        JsonNode tool = out.path("messages").get(0);
        assertThat(tool.path("role").asString()).isEqualTo("tool");
        assertThat(tool.path("content").asString()).isEqualTo("Error: city not found");
    }

    static Stream<Arguments> invalidRequests() {
        return Stream.of(
                Arguments.of("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "max_tokens"),
                Arguments.of("{\"model\":\"m\",\"max_tokens\":5,\"messages\":[]}", "messages"),
                Arguments.of("{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"system\",\"content\":\"hi\"}]}", "messages.0.role"),
                Arguments.of("{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"video\"}]}]}", "messages.0.content.0.type"),
                Arguments.of("{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"thinking\":{\"type\":\"enabled\"}}", "thinking.budget_tokens"),
                Arguments.of("{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"w\"}]}", "tools.0.type"));
    }

    @ParameterizedTest
    @MethodSource("invalidRequests")
    void anInvalidRequestIsA400NamingTheField(String request, String field) {
        assertThatThrownBy(() -> translator.toChat((ObjectNode) JSON.readTree(request)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(400);
                    assertThat(e.getMessage()).startsWith(field);
                });
    }
}
