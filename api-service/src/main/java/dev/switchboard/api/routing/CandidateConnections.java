package dev.switchboard.api.routing;

import java.util.List;
import java.util.UUID;

import dev.switchboard.api.catalog.Endpoint;

/**
 * The extension point for credentials: the ways the platform can call one endpoint for one
 * organisation. The platform implementation ({@link PlatformConnections}) yields at most one
 * candidate, with the platform key; a BYOK implementation adds a candidate with
 * {@link CredentialSource#BYOK} for endpoints whose provider the organisation has a key for, and the
 * planner then tries it first. Must not block: it runs on the request thread.
 */
public interface CandidateConnections {

    /** Candidates for {@code endpoint}; empty when the platform cannot call it for {@code orgId}. */
    List<Candidate> connect(Endpoint endpoint, UUID orgId);
}
