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

    /**
     * Output the upstream generated that the client asked not to see (reasoning with
     * {@code reasoning.exclude}): nothing is forwarded, but the pieces count towards the lower bound
     * charged for a stream that ends without a usage report, exactly like a {@link Chunk}'s.
     *
     * @param generatedPieces how many hidden pieces were generated, each at least one token
     */
    record HiddenPieces(int generatedPieces) implements StreamEvent {
    }

    /**
     * The upstream's exact count of the prompt, reported before any output (Anthropic's
     * {@code message_start}); its completion count is 0. It lets an API whose stream opens with the
     * input usage report it exactly; what is charged is the final {@link Usage}, or, for a stream
     * cancelled before that report, this count with the output forwarded so far.
     */
    record InputUsage(TokenUsage usage) implements StreamEvent {
    }

    /** The upstream's usage report (usually last). */
    record Usage(TokenUsage usage, String upstreamId) implements StreamEvent {
    }
}
