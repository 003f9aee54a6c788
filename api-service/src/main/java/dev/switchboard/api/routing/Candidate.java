package dev.switchboard.api.routing;

import dev.switchboard.api.catalog.Endpoint;
import dev.switchboard.api.provider.ProviderDirectory;

/**
 * An endpoint the platform can call, with the connection to call it over and whose credential
 * that connection carries.
 */
public record Candidate(Endpoint endpoint, ProviderDirectory.Connection connection, CredentialSource credential) {

    /** A candidate called with the platform's own key. */
    public Candidate(Endpoint endpoint, ProviderDirectory.Connection connection) {
        this(endpoint, connection, CredentialSource.PLATFORM);
    }

    public String modelId() {
        return endpoint.modelId();
    }

    /** Called with the organisation's own key: charged only the BYOK fee. */
    public boolean byok() {
        return credential != CredentialSource.PLATFORM;
    }
}
