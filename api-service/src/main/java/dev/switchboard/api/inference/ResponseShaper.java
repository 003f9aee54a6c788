package dev.switchboard.api.inference;

import java.time.Instant;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

import dev.switchboard.api.credit.Charge;
import dev.switchboard.api.credit.Pricing;
import dev.switchboard.api.provider.TokenUsage;
import dev.switchboard.api.routing.Candidate;

/**
 * Gives upstream answers Switchboard's identity: the generation id, the catalogued id of the model
 * that served (with fallbacks, not necessarily the first one asked for) and the provider's name, and OpenRouter's {@code usage} object with the cost actually charged.
 * Everything else the upstream sent passes through unchanged.
 */
@Component
class ResponseShaper {

    private final ObjectMapper json;

    ResponseShaper(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode chunk(ObjectNode upstream, Plan plan, Candidate served) {
        upstream.put("id", plan.generationId());
        upstream.put("model", served.modelId());
        upstream.put("provider", served.endpoint().provider().name());
        return upstream;
    }

    ObjectNode completion(ObjectNode upstream, Plan plan, Candidate served, TokenUsage usage, Charge charge) {
        chunk(upstream, plan, served);
        upstream.set("usage", usage(usage, charge, served != null && served.byok()));
        return upstream;
    }

    /** The last chunk before {@code [DONE]}: no choices, the full usage with cost. */
    ObjectNode usageChunk(Plan plan, Candidate served, TokenUsage usage, Charge charge) {
        ObjectNode chunk = frame(plan, served);
        chunk.putArray("choices");
        chunk.set("usage", usage(usage, charge, served != null && served.byok()));
        return chunk;
    }

    /** OpenRouter's mid-stream error: an {@code error} object and a choice finished with "error". */
    ObjectNode errorChunk(Plan plan, Candidate served, int code, String message) {
        ObjectNode chunk = frame(plan, served);
        ObjectNode error = chunk.putObject("error");
        error.put("code", code);
        error.put("message", message);
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("delta").put("content", "");
        choice.put("finish_reason", "error");
        choice.put("native_finish_reason", "error");
        return chunk;
    }

    ObjectNode usage(TokenUsage usage, Charge charge, boolean byok) {
        ObjectNode node = json.createObjectNode();
        node.put("prompt_tokens", usage.promptTokens());
        node.put("completion_tokens", usage.completionTokens());
        node.put("total_tokens", usage.promptTokens() + usage.completionTokens());
        node.put("cost", Pricing.usd(charge.totalNanos()));
        node.put("is_byok", byok);
        ObjectNode prompt = node.putObject("prompt_tokens_details");
        prompt.put("cached_tokens", usage.cachedTokens());
        prompt.put("cache_write_tokens", usage.cacheWriteTokens());
        node.putObject("completion_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
        ObjectNode cost = node.putObject("cost_details");
        cost.put("platform_fee", Pricing.usd(charge.platformFeeNanos()));
        cost.put("byok_fee", Pricing.usd(charge.byokFeeNanos()));
        // What the organisation's provider bills it directly, at list price (OpenRouter reports it likewise).
        cost.put("upstream_inference_cost", Pricing.usd(byok ? charge.listCostNanos() : charge.upstreamCostNanos()));
        return node;
    }

    private ObjectNode frame(Plan plan, Candidate served) {
        ObjectNode chunk = json.createObjectNode();
        chunk.put("id", plan.generationId());
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", Instant.now().getEpochSecond());
        chunk.put("model", served != null ? served.modelId() : plan.modelId());
        if (served != null) {
            chunk.put("provider", served.endpoint().provider().name());
        }
        return chunk;
    }
}
