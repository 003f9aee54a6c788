package dev.switchboard.contracts.catalog;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A model (id {@code author/slug}) and the endpoints that serve it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelInfo(String id, String canonicalSlug, String name, long created, String description,
                        long contextLength, List<String> inputModalities, List<String> outputModalities,
                        List<String> supportedParameters, List<EndpointInfo> endpoints) {
}
