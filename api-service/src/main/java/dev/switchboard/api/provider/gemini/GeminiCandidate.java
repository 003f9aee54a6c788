package dev.switchboard.api.provider.gemini;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One candidate answer; Switchboard asks for one. {@code finishReason} is set on its last piece. */
@JsonIgnoreProperties(ignoreUnknown = true)
record GeminiCandidate(GeminiContent content, String finishReason, Integer index) {
}
