package dev.switchboard.api.provider.gemini;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A {@code ContentEmbedding}: one input's vector. */
@JsonIgnoreProperties(ignoreUnknown = true)
record GeminiEmbedding(List<Double> values) {

    GeminiEmbedding {
        values = values == null ? List.of() : values;
    }
}
