package dev.switchboard.api.inference;

import java.util.List;

import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;

import dev.switchboard.api.error.ApiException;
import dev.switchboard.api.error.ErrorBody;
import dev.switchboard.api.provider.TokenUsage;

/**
 * One API a client can speak to the inference pipeline (OpenAI chat completions, Anthropic
 * Messages, legacy completions). The pipeline itself — route, hold, upstream with failover, meter,
 * settle — is the same for all; an inbound API only translates at the two ends: its request into
 * the canonical chat request, and the pipeline's chat-shaped answers back into its own shape.
 *
 * <p>The defaults are OpenRouter's: its error shape and its stream, with each chunk passed through
 * {@link #chunk}. An API in another family (Anthropic's) overrides all three.
 */
interface InboundApi {

    /** As recorded on the usage event and the generation record ({@code UsageEvent.API_*}). */
    String name();

    /** This API's request as the canonical chat request; a bad request is an {@link ApiException}. */
    ObjectNode toChat(ObjectNode request);

    /** A finished {@code chat.completion}, already carrying Switchboard's id, model and usage. */
    ObjectNode answer(ObjectNode completion);

    /** A streamed {@code chat.completion.chunk} (or the final usage or error chunk) in this API's shape. */
    default ObjectNode chunk(ObjectNode chunk) {
        return chunk;
    }

    /** A fresh translator for one streamed answer. */
    default StreamWriter streamWriter(Plan plan, SseFrames frames) {
        return new OpenRouterStreamWriter(frames, this::chunk);
    }

    /** The status of an error that ends a request before anything was streamed. */
    default HttpStatusCode errorStatus(ApiException error) {
        return error.status();
    }

    /** The body of such an error, in this API's error shape. */
    default Object errorBody(ApiException error) {
        return ErrorBody.of(error.status().value(), error.getMessage(), error.metadata());
    }

    /**
     * Writes one streamed answer in the API's event format. Stateful (one instance per request),
     * called in order by the request's own pipeline; every method returns the frames to flush now.
     */
    interface StreamWriter {

        /** A {@code chat.completion.chunk} with Switchboard's id, model and provider. */
        List<DataBuffer> chunk(ObjectNode chunk);

        /**
         * The upstream counted the prompt before answering (Anthropic does, in its first event);
         * only an API whose stream opens with the input usage needs this.
         */
        default void inputCounted(TokenUsage usage) {
        }

        /** Sent while the upstream has not produced anything yet. */
        List<DataBuffer> keepalive();

        /** The end: OpenRouter's final chunk (no choices, the charged usage with cost). */
        List<DataBuffer> finish(ObjectNode usageChunk);

        /** An error after the first byte: OpenRouter's error chunk, then the usage of what was generated. */
        List<DataBuffer> failure(ApiException error, ObjectNode errorChunk, ObjectNode usageChunk);
    }
}
