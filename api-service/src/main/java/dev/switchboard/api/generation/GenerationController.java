package dev.switchboard.api.generation;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import tools.jackson.databind.ObjectMapper;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.switchboard.api.credit.Pricing;
import dev.switchboard.api.error.ApiException;
import dev.switchboard.api.identity.Caller;

/**
 * {@code GET /api/v1/generation?id=}: one generation of the caller's organisation in OpenRouter's
 * shape, plus the exact prices and the cost split (upstream cost, platform fee) it was charged,
 * every upstream attempt ({@code provider_responses}) and the routing decision ({@code routing}:
 * the candidates and why each was placed, the exclusions and their filters, which attempt served).
 * Another organisation's generation is indistinguishable from a missing one (404).
 */
@RestController
class GenerationController {

    private final DatabaseClient db;
    private final ObjectMapper json;

    GenerationController(DatabaseClient db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    @GetMapping("/api/v1/generation")
    Mono<Map<String, Object>> generation(@RequestParam(required = false) String id, @AuthenticationPrincipal Caller caller) {
        if (id == null || id.isBlank() || id.length() > 128) {
            return Mono.error(ApiException.badRequest("Query parameter 'id' is required"));
        }
        return db.sql("SELECT *, provider_responses::text AS provider_responses_json, routing::text AS routing_json "
                        + "FROM generations WHERE id = :id AND org_id = :org")
                .bind("id", id)
                .bind("org", caller.orgId())
                .map(this::view)
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Generation " + id + " not found")))
                .map(data -> Map.of("data", data));
    }

    private Map<String, Object> view(Readable row) {
        Map<String, Object> data = summary(row);
        data.put("provider_responses", json.readTree(row.get("provider_responses_json", String.class)));
        String routing = row.get("routing_json", String.class);
        data.put("routing", routing == null ? null : json.readTree(routing));
        return data;
    }

    /** Everything but the attempts and the routing decision: one item of the generations list. */
    static Map<String, Object> summary(Readable row) {
        Map<String, Object> data = new LinkedHashMap<>();
        long total = row.get("total_nanos", Long.class);
        data.put("id", row.get("id", String.class));
        String api = row.get("api", String.class);
        // OpenRouter's api_type tells text generation from embeddings; "api" names the inbound API exactly.
        data.put("api_type", "embeddings".equals(api) ? "embeddings" : "completions");
        data.put("api", api);
        data.put("model", row.get("model", String.class));
        // The key it was made with, by the hash the keys API lists it under (null for the browser chat).
        data.put("api_key_hash", row.get("api_key_hash", String.class));
        data.put("provider_name", row.get("provider", String.class));
        data.put("created_at", row.get("created_at", OffsetDateTime.class).toString());
        data.put("origin", row.get("origin", String.class));
        data.put("streamed", row.get("streamed", Boolean.class));
        data.put("cancelled", row.get("cancelled", Boolean.class));
        data.put("is_byok", row.get("byok", Boolean.class));
        data.put("finish_reason", row.get("finish_reason", String.class));
        data.put("native_finish_reason", row.get("finish_reason", String.class));
        data.put("tokens_prompt", row.get("prompt_tokens", Long.class));
        data.put("tokens_completion", row.get("completion_tokens", Long.class));
        data.put("native_tokens_prompt", row.get("prompt_tokens", Long.class));
        data.put("native_tokens_completion", row.get("completion_tokens", Long.class));
        data.put("native_tokens_cached", row.get("cached_prompt_tokens", Long.class));
        data.put("native_tokens_reasoning", row.get("reasoning_tokens", Long.class));
        data.put("latency", row.get("latency_ms", Long.class));
        data.put("generation_time", row.get("generation_time_ms", Long.class));
        data.put("time_to_first_token", row.get("time_to_first_token_ms", Long.class));
        data.put("total_cost", Pricing.usd(total));
        data.put("usage", Pricing.usd(total));
        data.put("upstream_inference_cost", Pricing.usd(row.get("upstream_cost_nanos", Long.class)));
        data.put("platform_fee", Pricing.usd(row.get("platform_fee_nanos", Long.class)));
        data.put("byok_fee", Pricing.usd(row.get("byok_fee_nanos", Long.class)));
        data.put("total_cost_nanos", total);
        Map<String, Object> prices = new LinkedHashMap<>();
        prices.put("prompt", row.get("prompt_price", BigDecimal.class).toPlainString());
        prices.put("completion", row.get("completion_price", BigDecimal.class).toPlainString());
        prices.put("request", row.get("request_price", BigDecimal.class).toPlainString());
        prices.put("input_cache_read", row.get("cache_read_price", BigDecimal.class).toPlainString());
        prices.put("input_cache_write", row.get("cache_write_price", BigDecimal.class).toPlainString());
        data.put("prices", prices);
        UUID user = row.get("user_id", UUID.class);
        data.put("user_id", user == null ? null : user.toString());
        return data;
    }
}
