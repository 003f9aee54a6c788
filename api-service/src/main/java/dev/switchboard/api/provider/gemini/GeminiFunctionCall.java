package dev.switchboard.api.provider.gemini;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import tools.jackson.databind.JsonNode;

/** A function call the model asks for; Gemini sends its arguments whole, never in pieces. */
@JsonIgnoreProperties(ignoreUnknown = true)
record GeminiFunctionCall(String id, String name, JsonNode args) {
}
