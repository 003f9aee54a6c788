package dev.switchboard.api.routing;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import dev.switchboard.api.catalog.Endpoint;
import dev.switchboard.api.provider.ProviderDirectory;

/**
 * Platform-key candidates: an endpoint is callable when its provider is configured (or simulated).
 * The answer depends only on the endpoint and the configuration, so it is kept per endpoint object:
 * a new catalog snapshot brings new objects and the entry is recomputed on first use.
 */
@Component
public class PlatformConnections implements CandidateConnections {

    private final ProviderDirectory directory;
    private final ConcurrentHashMap<String, List<Candidate>> byEndpoint = new ConcurrentHashMap<>();

    public PlatformConnections(ProviderDirectory directory) {
        this.directory = directory;
    }

    @Override
    public List<Candidate> connect(Endpoint endpoint, UUID orgId) {
        List<Candidate> known = byEndpoint.get(endpoint.id());
        if (known != null && known.getFirst().endpoint() == endpoint) {
            return known;
        }
        List<Candidate> candidates = directory.connect(endpoint)
                .map(connection -> List.of(new Candidate(endpoint, connection, CredentialSource.PLATFORM)))
                .orElse(List.of());
        if (!candidates.isEmpty()) {
            byEndpoint.put(endpoint.id(), candidates);
        }
        return candidates;
    }
}
