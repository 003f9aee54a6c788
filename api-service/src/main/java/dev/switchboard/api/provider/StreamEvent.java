package dev.switchboard.api.provider;

import tools.jackson.databind.node.ObjectNode;

/** What a stream decoder emits, in the order the upstream sent it. */
public sealed interface StreamEvent {

    /**
     * An OpenAI-format {@code chat.completion.chunk} with at least one choice, ready to forward once
     * its id and model are rewritten.
     *
     * @param generatedPieces how many content, reasoning or tool-argument pieces it carries; the
     *                        lower bound used to charge a stream that ends without a usage report
     */
    record Chunk(ObjectNode chunk, int generatedPieces, String finishReason) implements StreamEvent {
    }

    /** The upstream's usage report (usually last). */
    record Usage(TokenUsage usage, String upstreamId) implements StreamEvent {
    }
}
