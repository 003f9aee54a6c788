package dev.switchboard.api.inference;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

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
    public ObjectNode chunk(ObjectNode chunk) {
        return translator.chunk(chunk);
    }
}
