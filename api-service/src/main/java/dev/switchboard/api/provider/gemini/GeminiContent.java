package dev.switchboard.api.provider.gemini;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A turn's content: the role ({@code user} or {@code model}) and its parts. */
@JsonIgnoreProperties(ignoreUnknown = true)
record GeminiContent(String role, List<GeminiPart> parts) {

    GeminiContent {
        parts = parts == null ? List.of() : parts;
    }
}
