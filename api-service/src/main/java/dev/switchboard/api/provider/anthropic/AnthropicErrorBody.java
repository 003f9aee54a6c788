package dev.switchboard.api.provider.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Anthropic's {@code error} object: {@code type} such as {@code overloaded_error}, and a message. */
@JsonIgnoreProperties(ignoreUnknown = true)
record AnthropicErrorBody(String type, String message) {
}
