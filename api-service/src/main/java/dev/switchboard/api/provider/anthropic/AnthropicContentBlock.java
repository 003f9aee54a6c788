package dev.switchboard.api.provider.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import tools.jackson.databind.JsonNode;

/**
 * One block of an Anthropic answer, flat over its kinds: {@code text} (text), {@code tool_use}
 * (id, name, input), {@code thinking} (thinking, signature), {@code redacted_thinking} (data).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record AnthropicContentBlock(String type, String text, String id, String name, JsonNode input, String thinking,
                             String signature, String data) {
}
