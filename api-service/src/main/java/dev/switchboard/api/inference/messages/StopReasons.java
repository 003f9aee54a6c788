package dev.switchboard.api.inference.messages;

import java.util.Set;

/** OpenAI's normalised {@code finish_reason} as Anthropic's {@code stop_reason}. */
final class StopReasons {

    /** Anthropic's own values, kept when the upstream was Anthropic and reported one natively. */
    private static final Set<String> ANTHROPIC = Set.of("end_turn", "max_tokens", "stop_sequence", "tool_use",
            "pause_turn", "refusal");

    private StopReasons() {
    }

    static String of(String finishReason, String nativeFinishReason) {
        if (nativeFinishReason != null && ANTHROPIC.contains(nativeFinishReason)) {
            return nativeFinishReason;
        }
        if (finishReason == null) {
            return "end_turn";
        }
        return switch (finishReason) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> "end_turn";
        };
    }
}
