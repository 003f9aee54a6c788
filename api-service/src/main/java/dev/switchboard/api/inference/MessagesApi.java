package dev.switchboard.api.inference;

import java.util.List;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;

import dev.switchboard.api.error.AnthropicErrorBody;
import dev.switchboard.api.error.ApiException;
import dev.switchboard.api.inference.messages.AnthropicRequestTranslator;
import dev.switchboard.api.inference.messages.AnthropicResponseTranslator;
import dev.switchboard.api.inference.messages.AnthropicStreamTranslator;
import dev.switchboard.api.inference.messages.NamedEvent;
import dev.switchboard.api.provider.TokenUsage;
import dev.switchboard.contracts.billing.UsageEvent;

/**
 * Anthropic's Messages API ({@code POST /api/v1/messages}) in front of any catalogued model: the
 * Anthropic SDK and Claude Code work unchanged, billed exactly like chat.
 */
@Component
class MessagesApi implements InboundApi {

    private final AnthropicRequestTranslator requests;
    private final AnthropicResponseTranslator responses;

    MessagesApi(ObjectMapper json) {
        this.requests = new AnthropicRequestTranslator(json);
        this.responses = new AnthropicResponseTranslator(json);
    }

    @Override
    public String name() {
        return UsageEvent.API_MESSAGES;
    }

    @Override
    public ObjectNode toChat(ObjectNode request) {
        return requests.toChat(request);
    }

    @Override
    public ObjectNode answer(ObjectNode completion) {
        return responses.toMessage(completion);
    }

    @Override
    public HttpStatusCode errorStatus(ApiException error) {
        return AnthropicErrorBody.status(error);
    }

    @Override
    public Object errorBody(ApiException error) {
        return AnthropicErrorBody.of(error);
    }

    @Override
    public StreamWriter streamWriter(Plan plan, SseFrames frames) {
        AnthropicStreamTranslator translator = new AnthropicStreamTranslator(plan.generationId(), plan.modelId(),
                plan.request().promptTokensEstimate());
        return new StreamWriter() {
            @Override
            public List<DataBuffer> chunk(ObjectNode chunk) {
                return framed(translator.chunk(chunk));
            }

            @Override
            public void inputCounted(TokenUsage usage) {
                translator.inputCounted(usage);
            }

            @Override
            public List<DataBuffer> keepalive() {
                return framed(AnthropicStreamTranslator.ping());
            }

            @Override
            public List<DataBuffer> finish(ObjectNode usageChunk) {
                return framed(translator.finish(usageChunk.path("usage")));
            }

            /** Anthropic ends a failed stream with an {@code error} event; the usage is charged all the same. */
            @Override
            public List<DataBuffer> failure(ApiException error, ObjectNode errorChunk, ObjectNode usageChunk) {
                return framed(translator.error(AnthropicErrorBody.errorType(AnthropicErrorBody.status(error)),
                        error.getMessage()));
            }

            private List<DataBuffer> framed(List<NamedEvent> events) {
                return events.stream().map(event -> frames.event(event.name(), event.data())).toList();
            }
        };
    }
}
