package dev.switchboard.api.provider;

import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.switchboard.api.catalog.Endpoint;

import static org.assertj.core.api.Assertions.assertThat;

class ParameterSupportTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Stream<Arguments> requests() {
        Set<String> haiku = Set.of("max_tokens", "stop", "temperature", "tool_choice", "tools", "top_k", "top_p");
        return Stream.of(
                Arguments.of(haiku, "{\"temperature\":0.1,\"seed\":3,\"frequency_penalty\":1}", Set.of("seed", "frequency_penalty")),
                Arguments.of(haiku, "{\"temperature\":0.1,\"tools\":[]}", Set.of()),
                Arguments.of(haiku, "{\"max_completion_tokens\":10}", Set.of()),
                Arguments.of(haiku, "{\"reasoning\":{\"effort\":\"high\"},\"include_reasoning\":true}", Set.of("reasoning", "include_reasoning")),
                Arguments.of(Set.of("reasoning"), "{\"reasoning_effort\":\"low\"}", Set.of()),
                Arguments.of(haiku, "{\"seed\":null}", Set.of()),
                // fields that are not optional parameters are never judged
                Arguments.of(haiku, "{\"messages\":[],\"model\":\"m\",\"stream\":true,\"user\":\"u\",\"max_tokens\":5}", Set.of()),
                // an endpoint whose parameters are unknown accepts everything
                Arguments.of(Set.of(), "{\"seed\":3,\"logit_bias\":{}}", Set.of()));
    }

    @ParameterizedTest
    @MethodSource("requests")
    void unsupportedListsTheRequestedParametersTheEndpointLacks(Set<String> supported, String body, Set<String> missing) {
        assertThat(ParameterSupport.unsupported(endpoint(supported), JSON.readTree(body))).isEqualTo(missing);
    }

    @Test
    void supportedOnlyDropsThemFromACopyAndLeavesTheSharedRequestAlone() {
        ObjectNode request = (ObjectNode) JSON.readTree("{\"temperature\":0.1,\"seed\":3,\"messages\":[]}");

        ObjectNode sent = ParameterSupport.supportedOnly(endpoint(Set.of("temperature")), request);

        assertThat(sent.has("seed")).isFalse();
        assertThat(sent.has("temperature")).isTrue();
        assertThat(request.has("seed")).isTrue();
        assertThat(ParameterSupport.supportedOnly(endpoint(Set.of("temperature", "seed")), request)).isSameAs(request);
    }

    @Test
    void upstreamMessagesAreScrubbedOfCredentials() {
        String scrubbed = UpstreamTransport.scrub("bad key sk-ant-api03-AbCdEfGhIjKl, AIzaSyD-abcdefghijklmnopqrstuv,"
                + " {\"api-key\": \"0123456789abcdef0123\"}, Authorization: Bearer abc.def.ghi-123");

        assertThat(scrubbed).doesNotContain("AbCdEfGhIjKl", "abcdefghijklmnop", "0123456789abcdef", "abc.def.ghi");
        assertThat(scrubbed).contains("[redacted]");
    }

    private static Endpoint endpoint(Set<String> supported) {
        return TestEndpoints.endpoint("p", "openai", "m", TestEndpoints.prices("0", "0", "0", "0"), 0, supported);
    }
}
