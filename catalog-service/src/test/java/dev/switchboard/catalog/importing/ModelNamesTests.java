package dev.switchboard.catalog.importing;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class ModelNamesTests {

    static Stream<Arguments> names() {
        return Stream.of(
                Arguments.of("openai/gpt-4o-mini", "gpt-4o-mini", "gpt-4o-mini"),
                Arguments.of("gpt-4o-mini-2024-07-18", "gpt-4o-mini-2024-07-18", "gpt-4o-mini"),
                Arguments.of("claude-3-5-haiku-20241022", "claude-3-5-haiku-20241022", "claude-3-5-haiku"),
                Arguments.of("meta-llama/Llama-3.3-70B-Instruct-Turbo", "llama-3-3-70b-instruct-turbo", "llama-3-3-70b"),
                Arguments.of("accounts/fireworks/models/qwen2.5-72b", "qwen2-5-72b", "qwen2-5-72b"),
                Arguments.of("deepseek/deepseek-r1:free", "deepseek-r1", "deepseek-r1"),
                Arguments.of("mistral-large-latest", "mistral-large-latest", "mistral-large"));
    }

    @ParameterizedTest
    @MethodSource("names")
    void upstreamIdsNormaliseAsDeriveDoes(String name, String normalised, String shortest) {
        assertThat(ModelNames.normalise(name)).isEqualTo(normalised);
        assertThat(ModelNames.matchKeys(name)).startsWith(normalised).contains(shortest);
    }
}
