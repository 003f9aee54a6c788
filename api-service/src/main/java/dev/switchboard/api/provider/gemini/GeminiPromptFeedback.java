package dev.switchboard.api.provider.gemini;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Set when the prompt itself was blocked ({@code blockReason} such as {@code SAFETY}); there are no candidates then. */
@JsonIgnoreProperties(ignoreUnknown = true)
record GeminiPromptFeedback(String blockReason) {
}
