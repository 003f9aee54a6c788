package dev.switchboard.api.provider.gemini;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A {@code GenerateContentResponse}: the whole answer of {@code generateContent}, or one event of
 * {@code streamGenerateContent?alt=sse}. An {@code error} object appears instead when a stream
 * fails after it began.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record GeminiResponse(List<GeminiCandidate> candidates, GeminiUsage usageMetadata, String modelVersion,
                      String responseId, GeminiPromptFeedback promptFeedback, GeminiError error) {

    GeminiResponse {
        candidates = candidates == null ? List.of() : candidates;
    }
}
