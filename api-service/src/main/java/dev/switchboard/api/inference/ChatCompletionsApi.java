package dev.switchboard.api.inference;

import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

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
}
