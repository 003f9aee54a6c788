package dev.switchboard.api.provider.gemini;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Google's error object: HTTP-like {@code code}, a message and a status such as {@code RESOURCE_EXHAUSTED}. */
@JsonIgnoreProperties(ignoreUnknown = true)
record GeminiError(Integer code, String message, String status) {
}
