package dev.switchboard.api.provider;

import tools.jackson.databind.node.ObjectNode;

import dev.switchboard.api.catalog.Endpoint;

/**
 * One attempt to serve a request at one endpoint.
 *
 * @param body      the request in canonical (OpenAI chat-completions) form, already validated; the
 *                  adapter must not mutate it (it is shared across attempts)
 * @param baseUrl   where to send it: configuration overrides the catalog's default
 * @param apiKey    the credential to use, never logged
 */
public record UpstreamCall(String generationId, Endpoint endpoint, ObjectNode body, String baseUrl, String apiKey) {

    @Override
    public String toString() {
        return "UpstreamCall[" + generationId + " -> " + endpoint.provider().slug() + "/" + endpoint.upstreamModelId() + "]";
    }
}
