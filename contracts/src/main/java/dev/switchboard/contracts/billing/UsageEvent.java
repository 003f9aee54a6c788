package dev.switchboard.contracts.billing;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One settled generation, as api-service appends it to the usage stream in the same atomic Redis
 * step that releases its hold and debits the spendable balance. billing-service posts it to the
 * ledger exactly once (the generation id is the idempotency key); api-service stores the
 * generation record from it.
 *
 * <p>{@code totalNanos = upstreamCostNanos + platformFeeNanos + byokFeeNanos}. For BYOK usage the
 * upstream is paid by the user's own key, so {@code upstreamCostNanos} is 0 and
 * {@code listCostNanos} carries the list-price cost the BYOK fee was computed on.
 *
 * <p>{@code api} names the inbound API the request came through (one of the {@code API_*}
 * constants); an event written before the field existed has none and counts as chat.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UsageEvent(
        String generationId,
        UUID orgId,
        UUID userId,
        String apiKeyHash,
        String model,
        String provider,
        String endpointId,
        String upstreamModelId,
        boolean byok,
        boolean streamed,
        boolean cancelled,
        String finishReason,
        long promptTokens,
        long completionTokens,
        long cachedPromptTokens,
        long cacheWriteTokens,
        long reasoningTokens,
        String promptPrice,
        String completionPrice,
        String requestPrice,
        String cacheReadPrice,
        String cacheWritePrice,
        long listCostNanos,
        long upstreamCostNanos,
        long platformFeeNanos,
        long byokFeeNanos,
        long totalNanos,
        long heldNanos,
        long latencyMs,
        long generationTimeMs,
        long timeToFirstTokenMs,
        String origin,
        Instant createdAt,
        Instant completedAt,
        String api) {

    /** The inbound APIs a generation can arrive through, as recorded in {@code api}. */
    public static final String API_CHAT = "chat.completions";
    public static final String API_MESSAGES = "messages";
    public static final String API_COMPLETIONS = "completions";
    public static final String API_EMBEDDINGS = "embeddings";
}
