package dev.switchboard.api.provider.gemini;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One part of an answer: text (a thought summary when {@code thought} is true) or a function call.
 * {@code thoughtSignature} is Gemini's opaque token for continuing a thought across turns.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record GeminiPart(String text, Boolean thought, GeminiFunctionCall functionCall, String thoughtSignature) {

    boolean isThought() {
        return Boolean.TRUE.equals(thought);
    }
}
