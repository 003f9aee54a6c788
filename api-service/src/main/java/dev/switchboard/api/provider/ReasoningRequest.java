package dev.switchboard.api.provider;

import tools.jackson.databind.JsonNode;

/**
 * OpenRouter's {@code reasoning} request object ({@code effort}, {@code max_tokens}, {@code exclude},
 * {@code enabled}, and the older {@code include_reasoning} / {@code reasoning_effort}), read once
 * for the providers that express reasoning as a token budget (Anthropic, Gemini).
 *
 * @param budgetTokens the explicit budget, or 0 to derive it from the effort
 * @param exclude      reason, but do not return the reasoning text to the client
 */
public record ReasoningRequest(boolean enabled, String effort, long budgetTokens, boolean exclude) {

    public static final ReasoningRequest OFF = new ReasoningRequest(false, null, 0, false);

    /** Reads the canonical request's reasoning fields; {@link #OFF} when none asks for reasoning. */
    public static ReasoningRequest of(JsonNode body) {
        JsonNode reasoning = body.path("reasoning");
        String effort = reasoning.path("effort").asString(body.path("reasoning_effort").asString(null));
        long budget = reasoning.path("max_tokens").asLong(0);
        boolean exclude = reasoning.path("exclude").asBoolean(false);
        boolean enabled = reasoning.path("enabled").asBoolean(reasoning.isObject() && !reasoning.isEmpty())
                || body.path("include_reasoning").asBoolean(false)
                || effort != null || budget > 0;
        if ("none".equals(effort) || reasoning.path("enabled").isBoolean() && !reasoning.path("enabled").asBoolean()) {
            enabled = false;
        }
        return enabled ? new ReasoningRequest(true, effort, Math.max(0, budget), exclude) : OFF;
    }

    /**
     * The thinking budget for an answer of at most {@code maxOutputTokens}: the explicit budget, or
     * OpenRouter's share of the output allowance per effort (high 80 %, medium 50 %, low 20 %,
     * minimal 10 %), never above 128,000 tokens.
     */
    public long budgetFor(long maxOutputTokens) {
        if (budgetTokens > 0) {
            return budgetTokens;
        }
        double share = switch (effort == null ? "medium" : effort) {
            case "xhigh", "high" -> 0.8;
            case "low" -> 0.2;
            case "minimal" -> 0.1;
            default -> 0.5;
        };
        return Math.min(128_000, (long) Math.floor(maxOutputTokens * share));
    }
}
