package dev.switchboard.api.byok;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.netty.resolver.AddressResolverGroup;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.switchboard.api.catalog.Endpoint;
import dev.switchboard.api.error.ApiException;
import dev.switchboard.api.provider.ProviderDirectory;
import dev.switchboard.api.provider.UpstreamTransport;
import dev.switchboard.api.routing.Candidate;
import dev.switchboard.api.routing.CandidateConnections;
import dev.switchboard.api.routing.CredentialSource;
import dev.switchboard.api.routing.PlatformConnections;

/**
 * The candidates for an endpoint once the organisation's own keys are considered: with a
 * {@code prioritized} key, the BYOK candidate and then the platform's; with {@code fallback}, the
 * platform's and then the BYOK one; with {@code always}, only the BYOK one (platform capacity is off
 * for that provider). The planner orders all candidates by {@link CredentialSource} before price.
 *
 * <p>Synchronous, as routing requires: it reads the keyring the request loaded just before
 * planning ({@link ByokCredentials#loaded}).
 */
@Primary
@Component
public class ByokConnections implements CandidateConnections {

    private final PlatformConnections platform;
    private final ProviderDirectory directory;
    private final ByokCredentials credentials;
    private final BaseUrlGuard guard;

    ByokConnections(PlatformConnections platform, ProviderDirectory directory, ByokCredentials credentials,
                    BaseUrlGuard guard) {
        this.platform = platform;
        this.directory = directory;
        this.credentials = credentials;
        this.guard = guard;
    }

    @Override
    public List<Candidate> connect(Endpoint endpoint, UUID orgId) {
        List<Candidate> platformCandidates = platform.connect(endpoint, orgId);
        if (orgId == null) {
            return platformCandidates;
        }
        Optional<ByokCredential> own = credentials.loaded(orgId).forProvider(endpoint.provider().slug());
        if (own.isEmpty()) {
            return platformCandidates;
        }
        ByokCredential credential = own.get();
        Optional<ProviderDirectory.Connection> connection = directory.connectWith(endpoint, credential.baseUrl(),
                credential.apiKey());
        if (connection.isEmpty()) {
            return platformCandidates;
        }
        List<Candidate> candidates = new ArrayList<>(platformCandidates.size() + 1);
        switch (credential.priority()) {
            case PRIORITIZED -> {
                candidates.add(new Candidate(endpoint, connection.get(), CredentialSource.BYOK));
                candidates.addAll(platformCandidates);
            }
            case FALLBACK -> {
                candidates.addAll(platformCandidates);
                candidates.add(new Candidate(endpoint, connection.get(), CredentialSource.BYOK_FALLBACK));
            }
            case ALWAYS -> candidates.add(new Candidate(endpoint, connection.get(), CredentialSource.BYOK));
        }
        return candidates;
    }

    /**
     * {@code call} to {@code candidate}, connecting only to public addresses when it is a BYOK call
     * to an address other than the catalog's (unless the operator allows private base URLs). The
     * check is made on the addresses the connection is opened to, so a name re-pointed since the key
     * was saved, or answering differently to each lookup (DNS rebinding), cannot reach the
     * platform's network. A refusal is the client's 400 naming the provider; nothing is sent.
     */
    public <T> Mono<T> guard(Candidate candidate, Mono<T> call) {
        return connectResolver(candidate)
                .map(resolver -> call.contextWrite(UpstreamTransport.resolvingWith(resolver))
                        .onErrorMap(BaseUrlGuard.AddressRefused.class, refused -> refusedAtCallTime(candidate, refused)))
                .orElse(call);
    }

    /** {@link #guard(Candidate, Mono)} for a streamed call. */
    public <T> Flux<T> guard(Candidate candidate, Flux<T> call) {
        return connectResolver(candidate)
                .map(resolver -> call.contextWrite(UpstreamTransport.resolvingWith(resolver))
                        .onErrorMap(BaseUrlGuard.AddressRefused.class, refused -> refusedAtCallTime(candidate, refused)))
                .orElse(call);
    }

    private Optional<AddressResolverGroup<InetSocketAddress>> connectResolver(Candidate candidate) {
        String address = candidate.connection().baseUrl();
        if (!candidate.byok() || address == null || address.equals(candidate.endpoint().provider().baseUrl())) {
            return Optional.empty();
        }
        return guard.connectResolver();
    }

    private static ApiException refusedAtCallTime(Candidate candidate, ApiException refused) {
        return new ApiException(HttpStatus.BAD_REQUEST, "Your BYOK key's base_url for "
                + candidate.endpoint().provider().slug() + " is refused at call time: " + refused.getMessage(),
                Map.of("provider_name", candidate.endpoint().provider().slug()));
    }
}
