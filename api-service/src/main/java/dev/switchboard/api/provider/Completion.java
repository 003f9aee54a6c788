package dev.switchboard.api.provider;

import tools.jackson.databind.node.ObjectNode;

/** A non-streamed upstream answer in OpenAI {@code chat.completion} form, with its usage. */
public record Completion(ObjectNode body, TokenUsage usage, String finishReason) {
}
