package dev.switchboard.api.catalog;

import java.util.List;

/**
 * A catalogued model and its endpoints, in the catalog's order.
 *
 * @param inputModalities  {@code text}, {@code image}, {@code file}, {@code audio}…; empty when unknown
 * @param outputModalities what it produces ({@code text}, {@code image}, {@code embeddings}); an
 *                         embedding model answers only the embeddings API, and only it does
 */
public record Model(String id, String name, long contextLength, List<Endpoint> endpoints,
                    List<String> inputModalities, List<String> outputModalities) {

    public Model {
        inputModalities = inputModalities == null ? List.of() : List.copyOf(inputModalities);
        outputModalities = outputModalities == null ? List.of("text") : List.copyOf(outputModalities);
    }

    /** A text model whose input modalities the catalog does not state. */
    public Model(String id, String name, long contextLength, List<Endpoint> endpoints) {
        this(id, name, contextLength, endpoints, List.of(), List.of("text"));
    }

    public boolean embeds() {
        return outputModalities.contains("embeddings");
    }
}
