package dev.switchboard.api.provider.gemini;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A {@code BatchEmbedContentsResponse}: one embedding per request, in the requests' order, and
 * (only from newer API versions) {@code usageMetadata.promptTokenCount} for the whole batch.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record GeminiEmbeddings(List<GeminiEmbedding> embeddings, GeminiUsage usageMetadata) {

    GeminiEmbeddings {
        embeddings = embeddings == null ? List.of() : embeddings;
    }
}
