package dev.switchboard.api.inference.completions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.switchboard.api.error.ApiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextCompletionTranslatorTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private final TextCompletionTranslator translator = new TextCompletionTranslator(JSON);

    @Test
    void aStringPromptBecomesOneUserMessageAndTheRestPassesThrough() {
        ObjectNode chat = translator.toChat((ObjectNode) JSON.readTree(
                "{\"model\":\"m\",\"prompt\":\"Once upon\",\"max_tokens\":7,\"stop\":[\"\\n\"],\"temperature\":0}"));
        assertThat(chat.toString()).isEqualTo(
                "{\"model\":\"m\",\"max_tokens\":7,\"stop\":[\"\\n\"],\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"Once upon\"}]}");
    }

    @Test
    void anArrayPromptBecomesOneUserMessageWithOneTextPartEach() {
        ObjectNode chat = translator.toChat((ObjectNode) JSON.readTree("{\"model\":\"m\",\"prompt\":[\"a\",\"b\"]}"));
        assertThat(chat.path("messages").get(0).path("content").toString())
                .isEqualTo("[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"text\",\"text\":\"b\"}]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"model\":\"m\"}", "{\"model\":\"m\",\"prompt\":[]}", "{\"model\":\"m\",\"prompt\":[1,2]}",
            "{\"model\":\"m\",\"prompt\":\"x\",\"echo\":true}", "{\"model\":\"m\",\"prompt\":\"x\",\"suffix\":\"y\"}",
            "{\"model\":\"m\",\"prompt\":\"x\",\"best_of\":3}", "{\"model\":\"m\",\"prompt\":\"x\",\"logprobs\":2}"})
    void promptsAndOptionsChatCannotHonourAreRefused(String request) {
        assertThatThrownBy(() -> translator.toChat((ObjectNode) JSON.readTree(request)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(400));
    }

    @Test
    void aChatCompletionBecomesATextCompletion() {
        ObjectNode answer = translator.answer((ObjectNode) JSON.readTree("""
                {"id":"gen-1","object":"chat.completion","created":5,"model":"m","provider":"OpenAI",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"there was"},"finish_reason":"length","native_finish_reason":"length"}],
                 "usage":{"prompt_tokens":3,"completion_tokens":2,"cost":0.1}}"""));
        assertThat(answer.toString()).isEqualTo(JSON.readTree("""
                {"id":"gen-1","object":"text_completion","created":5,"model":"m","provider":"OpenAI",
                 "choices":[{"index":0,"text":"there was","logprobs":null,"finish_reason":"length","native_finish_reason":"length"}],
                 "usage":{"prompt_tokens":3,"completion_tokens":2,"cost":0.1}}""").toString());
    }

    @Test
    void streamedChunksCarryTextAndTheErrorChunkKeepsItsError() {
        ObjectNode chunk = translator.chunk((ObjectNode) JSON.readTree("""
                {"id":"g","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}"""));
        assertThat(chunk.path("object").asString()).isEqualTo("text_completion");
        assertThat(chunk.path("choices").get(0).path("text").asString()).isEqualTo("Hi");
        ObjectNode error = translator.chunk((ObjectNode) JSON.readTree("""
                {"id":"g","created":1,"model":"m","error":{"code":502,"message":"Provider returned error"},
                 "choices":[{"index":0,"delta":{"content":""},"finish_reason":"error"}]}"""));
        assertThat(error.path("error").path("code").asInt()).isEqualTo(502);
        assertThat(error.path("choices").get(0).path("finish_reason").asString()).isEqualTo("error");
    }
}
