package dev.switchboard.api.provider.sim;

import java.time.Instant;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

import dev.switchboard.api.provider.Completion;
import dev.switchboard.api.provider.ProviderAdapter;
import dev.switchboard.api.provider.StreamEvent;
import dev.switchboard.api.provider.TokenUsage;
import dev.switchboard.api.provider.UpstreamCall;

/**
 * The simulated provider. Produces the same OpenAI-format chunks a real upstream would, on a timer,
 * so the gateway's streaming, cancellation and settlement paths run exactly as they do for real
 * traffic. Models whose id contains "reasoner" think out loud first ({@code delta.reasoning}).
 */
@Component
class SimulatedAdapter implements ProviderAdapter {

    private final ObjectMapper json;
    private final SimProperties properties;

    SimulatedAdapter(ObjectMapper json, SimProperties properties) {
        this.json = json;
        this.properties = properties;
    }

    @Override
    public boolean speaks(String apiStyle) {
        return "simulated".equals(apiStyle);
    }

    @Override
    public Mono<Completion> complete(UpstreamCall call) {
        Script script = script(call);
        ObjectNode body = json.createObjectNode();
        body.put("id", "sim-" + call.generationId());
        body.put("object", "chat.completion");
        body.put("created", Instant.now().getEpochSecond());
        body.put("model", call.endpoint().upstreamModelId());
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", String.join("", script.answer).stripTrailing());
        if (!script.reasoning.isEmpty()) {
            message.put("reasoning", String.join("", script.reasoning).stripTrailing());
        }
        choice.put("finish_reason", script.finishReason);
        return Mono.just(new Completion(body, script.usage(), script.finishReason))
                .delayElement(properties.firstTokenDelay());
    }

    @Override
    public Flux<StreamEvent> stream(UpstreamCall call) {
        return Flux.defer(() -> {
            Script script = script(call);
            String id = "sim-" + call.generationId();
            long created = Instant.now().getEpochSecond();
            String model = call.endpoint().upstreamModelId();
            Flux<StreamEvent> thinking = Flux.fromIterable(script.reasoning)
                    .map(token -> (StreamEvent) chunk(id, created, model, "reasoning", token, null));
            Flux<StreamEvent> answering = Flux.range(0, script.answer.size())
                    .map(i -> (StreamEvent) chunk(id, created, model, "content", script.answer.get(i),
                            i == script.answer.size() - 1 ? script.finishReason : null));
            return Flux.concat(thinking, answering)
                    .delayElements(properties.tokenInterval())
                    .delaySubscription(properties.firstTokenDelay())
                    .concatWith(Mono.fromSupplier(() -> new StreamEvent.Usage(script.usage(), id)));
        });
    }

    private StreamEvent.Chunk chunk(String id, long created, String model, String field, String token, String finish) {
        ObjectNode chunk = json.createObjectNode();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("delta").put(field, token);
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        return new StreamEvent.Chunk(chunk, 1, finish);
    }

    private Script script(UpstreamCall call) {
        JsonNode body = call.body();
        JsonNode messages = body.path("messages");
        long requested = body.path("max_completion_tokens").asLong(body.path("max_tokens").asLong(0));
        String model = call.endpoint().upstreamModelId();
        List<String> reasoning = model.contains("reasoner") ? SimulatedText.reasoning() : List.of();
        int budget = (int) Math.min(requested > 0 ? requested : properties.maxTokens(), Integer.MAX_VALUE);
        int afterReasoning = Math.max(0, budget - reasoning.size());
        List<String> full = SimulatedText.answer(messages, call.endpoint().modelId(), properties.maxTokens());
        List<String> answer = full.size() > afterReasoning ? full.subList(0, afterReasoning) : full;
        List<String> thoughts = reasoning.size() > budget ? reasoning.subList(0, budget) : reasoning;
        String finish = answer.size() < full.size() || thoughts.size() < reasoning.size() ? "length" : "stop";
        return new Script(thoughts, answer, SimulatedText.promptTokens(messages), finish);
    }

    private record Script(List<String> reasoning, List<String> answer, long promptTokens, String finishReason) {
        TokenUsage usage() {
            return new TokenUsage(promptTokens, reasoning.size() + answer.size(), 0, 0, reasoning.size());
        }
    }
}
