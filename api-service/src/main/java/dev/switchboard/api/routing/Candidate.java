package dev.switchboard.api.routing;

import dev.switchboard.api.catalog.Endpoint;
import dev.switchboard.api.provider.ProviderDirectory;

/** An endpoint the platform can call, with the connection to call it over. */
public record Candidate(Endpoint endpoint, ProviderDirectory.Connection connection) {
}
