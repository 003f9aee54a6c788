package dev.switchboard.api.provider;

import tools.jackson.databind.node.ObjectNode;

/**
 * A non-streamed upstream answer in OpenAI form — a {@code chat.completion}, or for
 * {@link ProviderAdapter#embed} an embeddings list — with its usage.
 */
public record Completion(ObjectNode body, TokenUsage usage, String finishReason) {
}
