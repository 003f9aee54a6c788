package dev.switchboard.api.inference;

import java.util.List;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;

import dev.switchboard.api.error.ApiException;
import dev.switchboard.api.error.ErrorBody;
import dev.switchboard.api.inference.completions.TextCompletionTranslator;
import dev.switchboard.contracts.billing.UsageEvent;

/** OpenAI's legacy {@code POST /api/v1/completions}, answered by chat models and charged like chat. */
@Component
class LegacyCompletionsApi implements InboundApi {

    private final TextCompletionTranslator translator;

    LegacyCompletionsApi(ObjectMapper json) {
        this.translator = new TextCompletionTranslator(json);
    }

    @Override
    public String name() {
        return UsageEvent.API_COMPLETIONS;
    }

    @Override
    public ObjectNode toChat(ObjectNode request) {
        return translator.toChat(request);
    }

    @Override
    public ObjectNode answer(ObjectNode completion) {
        return translator.answer(completion);
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
                return List.of(frames.data(translator.chunk(chunk)));
            }

            @Override
            public List<DataBuffer> keepalive() {
                return List.of(frames.processing());
            }

            @Override
            public List<DataBuffer> finish(ObjectNode usageChunk) {
                return List.of(frames.data(translator.chunk(usageChunk)), frames.done());
            }

            @Override
            public List<DataBuffer> failure(ApiException error, ObjectNode errorChunk, ObjectNode usageChunk) {
                return List.of(frames.data(translator.chunk(errorChunk)), frames.data(translator.chunk(usageChunk)),
                        frames.done());
            }
        };
    }
}
