package dev.switchboard.api.inference;

import java.util.List;

import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;

import dev.switchboard.api.error.ApiException;
import dev.switchboard.api.error.ErrorBody;
import dev.switchboard.contracts.billing.UsageEvent;

/** OpenAI's chat completions with OpenRouter's extensions: the canonical form, so nothing to translate. */
@Component
class ChatCompletionsApi implements InboundApi {

    @Override
    public String name() {
        return UsageEvent.API_CHAT;
    }

    @Override
    public ObjectNode toChat(ObjectNode request) {
        return request;
    }

    @Override
    public ObjectNode answer(ObjectNode completion) {
        return completion;
    }

    @Override
    public HttpStatusCode errorStatus(ApiException error) {
        return error.status();
    }

    @Override
    public Object errorBody(ApiException error) {
        return ErrorBody.of(error.status().value(), error.getMessage(), error.metadata());
    }

    @Override
    public StreamWriter streamWriter(Plan plan, SseFrames frames) {
        return new StreamWriter() {
            @Override
            public List<DataBuffer> chunk(ObjectNode chunk) {
                return List.of(frames.data(chunk));
            }

            @Override
            public List<DataBuffer> keepalive() {
                return List.of(frames.processing());
            }

            @Override
            public List<DataBuffer> finish(ObjectNode usageChunk) {
                return List.of(frames.data(usageChunk), frames.done());
            }

            @Override
            public List<DataBuffer> failure(ApiException error, ObjectNode errorChunk, ObjectNode usageChunk) {
                return List.of(frames.data(errorChunk), frames.data(usageChunk), frames.done());
            }
        };
    }
}
