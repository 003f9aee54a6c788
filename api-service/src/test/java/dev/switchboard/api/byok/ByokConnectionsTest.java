package dev.switchboard.api.byok;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import dev.switchboard.api.catalog.Endpoint;
import dev.switchboard.api.catalog.PriceSheet;
import dev.switchboard.api.catalog.Provider;
import dev.switchboard.api.error.ApiException;
import dev.switchboard.api.provider.Completion;
import dev.switchboard.api.provider.ProviderAdapter;
import dev.switchboard.api.provider.ProviderDirectory;
import dev.switchboard.api.provider.StreamEvent;
import dev.switchboard.api.provider.UpstreamCall;
import dev.switchboard.api.provider.openai.CompatibleProfiles;
import dev.switchboard.api.routing.Candidate;
import dev.switchboard.api.routing.CredentialSource;
import dev.switchboard.api.routing.PlatformConnections;

import static org.assertj.core.api.Assertions.assertThat;

class ByokConnectionsTest {

    private static final ProviderAdapter OPENAI = new ProviderAdapter() {
        public boolean speaks(String apiStyle) {
            return "openai".equals(apiStyle);
        }

        public Mono<Completion> complete(UpstreamCall call) {
            return Mono.error(new AssertionError("not called"));
        }

        public Flux<StreamEvent> stream(UpstreamCall call) {
            return Flux.error(new AssertionError("not called"));
        }
    };

    private static final Endpoint ENDPOINT = new Endpoint("vllm/m", "org/m",
            new Provider("vllm", "vLLM", "openai", "https://api.vllm.example/v1", false), "m",
            new PriceSheet("p", BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO),
            1000, 0, Set.of(), true);

    private final Map<String, String> dns = new ConcurrentHashMap<>(Map.of("models.tenant.example", "93.184.215.14"));
    private final BaseUrlGuard guard = new BaseUrlGuard(new ByokProperties(false, Duration.ofSeconds(10)),
            host -> new InetAddress[] {InetAddress.getByName(dns.get(host))});
    private final ProviderDirectory directory = new ProviderDirectory(List.of(OPENAI),
            new dev.switchboard.api.provider.ProviderProperties(
                    Map.of("vllm", new dev.switchboard.api.provider.ProviderProperties.Settings(null, "platform-key", null, Map.of())),
                    new dev.switchboard.api.provider.ProviderProperties.Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1),
                            Duration.ofSeconds(1), Duration.ofSeconds(1))),
            new CompatibleProfiles(JsonMapper.builder().build()));

    private ByokConnections connections(ByokPriority priority, String baseUrl) {
        UUID org = UUID.randomUUID();
        ByokCredentials credentials = new ByokCredentials(null,
                SecretCipherTest.cipher(Map.of("one", SecretCipherTest.KEY_ONE), "one"),
                new ByokProperties(false, Duration.ofSeconds(10)), new SimpleMeterRegistry()) {
            @Override
            public ByokKeyring loaded(UUID orgId) {
                return new ByokKeyring(Map.of("vllm", new ByokCredential(UUID.randomUUID(), "vllm", priority, baseUrl, "sk-own")));
            }
        };
        return new ByokConnections(new PlatformConnections(directory), directory, credentials, guard);
    }

    @Test
    void eachPriorityPlacesTheOrganisationsKeyAgainstThePlatforms() {
        assertThat(sources(connections(ByokPriority.PRIORITIZED, null)))
                .containsExactly(CredentialSource.BYOK, CredentialSource.PLATFORM);
        assertThat(sources(connections(ByokPriority.FALLBACK, null)))
                .containsExactly(CredentialSource.PLATFORM, CredentialSource.BYOK_FALLBACK);
        assertThat(sources(connections(ByokPriority.ALWAYS, null))).containsExactly(CredentialSource.BYOK);
        Candidate own = connections(ByokPriority.ALWAYS, null).connect(ENDPOINT, UUID.randomUUID()).getFirst();
        assertThat(own.connection().apiKey()).isEqualTo("sk-own");
        assertThat(own.connection().baseUrl()).isEqualTo("https://api.vllm.example/v1");
    }

    @Test
    void aCustomBaseUrlIsResolvedAgainBeforeEveryCallSoRebindingToAPrivateAddressIsRefused() {
        ByokConnections byok = connections(ByokPriority.ALWAYS, "https://models.tenant.example/v1");
        Candidate own = byok.connect(ENDPOINT, UUID.randomUUID()).getFirst();
        assertThat(own.connection().baseUrl()).isEqualTo("https://models.tenant.example/v1");

        StepVerifier.create(byok.checkBeforeCall(own)).verifyComplete();
        dns.put("models.tenant.example", "169.254.169.254");
        StepVerifier.create(byok.checkBeforeCall(own))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ApiException.class)
                        .hasMessageContaining("refused at call time"))
                .verify();
    }

    private List<CredentialSource> sources(ByokConnections byok) {
        return byok.connect(ENDPOINT, UUID.randomUUID()).stream().map(Candidate::credential).toList();
    }
}
