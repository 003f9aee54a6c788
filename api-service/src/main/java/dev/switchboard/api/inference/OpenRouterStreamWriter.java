package dev.switchboard.api.inference;

import java.util.List;
import java.util.function.UnaryOperator;

import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.buffer.DataBuffer;

import dev.switchboard.api.error.ApiException;

/**
 * OpenRouter's stream: every chunk as a {@code data:} event, {@code : SWITCHBOARD PROCESSING}
 * comments as keepalives, the usage chunk (after the error chunk, on a failure) and {@code [DONE]}.
 * The OpenAI-shaped APIs differ only in how a chunk looks, which {@code shape} gives.
 */
final class OpenRouterStreamWriter implements InboundApi.StreamWriter {

    private final SseFrames frames;
    private final UnaryOperator<ObjectNode> shape;

    OpenRouterStreamWriter(SseFrames frames, UnaryOperator<ObjectNode> shape) {
        this.frames = frames;
        this.shape = shape;
    }

    @Override
    public List<DataBuffer> chunk(ObjectNode chunk) {
        return List.of(frames.data(shape.apply(chunk)));
    }

    @Override
    public List<DataBuffer> keepalive() {
        return List.of(frames.processing());
    }

    @Override
    public List<DataBuffer> finish(ObjectNode usageChunk) {
        return List.of(frames.data(shape.apply(usageChunk)), frames.done());
    }

    @Override
    public List<DataBuffer> failure(ApiException error, ObjectNode errorChunk, ObjectNode usageChunk) {
        return List.of(frames.data(shape.apply(errorChunk)), frames.data(shape.apply(usageChunk)), frames.done());
    }
}
