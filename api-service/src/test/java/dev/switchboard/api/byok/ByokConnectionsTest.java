package dev.switchboard.api.byok;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.resolver.InetSocketAddressResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import dev.switchboard.api.catalog.Endpoint;
import dev.switchboard.api.catalog.PriceSheet;
import dev.switchboard.api.catalog.Provider;
import dev.switchboard.api.error.ApiException;
import dev.switchboard.api.provider.Completion;
import dev.switchboard.api.provider.ProviderAdapter;
import dev.switchboard.api.provider.ProviderDirectory;
import dev.switchboard.api.provider.RecordedUpstream;
import dev.switchboard.api.provider.StreamEvent;
import dev.switchboard.api.provider.TestEndpoints;
import dev.switchboard.api.provider.UpstreamCall;
import dev.switchboard.api.provider.UpstreamTransport;
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

    /** What the save-time check's lookup answers. */
    private final Map<String, String> dns = new ConcurrentHashMap<>(Map.of("models.tenant.example", "93.184.215.14"));
    /** What the HTTP client's own lookup answers when it connects: a rebinding name can differ. */
    private final Map<String, String> connectDns = new ConcurrentHashMap<>(Map.of("models.tenant.example", "93.184.215.14"));
    private final AddressResolverGroup<InetSocketAddress> connectNames = new AddressResolverGroup<>() {
        @Override
        protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
            return new InetSocketAddressResolver(executor, new InetNameResolver(executor) {
                @Override
                protected void doResolve(String host, Promise<InetAddress> promise) throws UnknownHostException {
                    promise.setSuccess(InetAddress.getByName(connectDns.getOrDefault(host, host)));
                }

                @Override
                protected void doResolveAll(String host, Promise<List<InetAddress>> promise) throws UnknownHostException {
                    promise.setSuccess(List.of(InetAddress.getByName(connectDns.getOrDefault(host, host))));
                }
            });
        }
    };
    private final BaseUrlGuard guard = new BaseUrlGuard(new ByokProperties(false, Duration.ofSeconds(10)),
            host -> new InetAddress[] {InetAddress.getByName(dns.get(host))}, connectNames);
    private final UpstreamTransport transport = TestEndpoints.transport(TestEndpoints.noProviders());
    private RecordedUpstream upstream;

    @BeforeEach
    void startUpstream() {
        upstream = new RecordedUpstream("openai");
    }

    @AfterEach
    void stopUpstream() {
        upstream.close();
    }
    private final ProviderDirectory directory = new ProviderDirectory(List.of(OPENAI),
            new dev.switchboard.api.provider.ProviderProperties(
                    Map.of("vllm", new dev.switchboard.api.provider.ProviderProperties.Settings(null, "platform-key", null, Map.of())),
                    new dev.switchboard.api.provider.ProviderProperties.Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1),
                            Duration.ofSeconds(1), Duration.ofSeconds(1))),
            new CompatibleProfiles(JsonMapper.builder().build()));

    private ByokConnections connections(ByokPriority priority, String baseUrl) {
        return connections(guard, priority, baseUrl);
    }

    private ByokConnections connections(BaseUrlGuard guard, ByokPriority priority, String baseUrl) {
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
    void aNameThatPassedTheSaveTimeCheckButRebindsAtConnectTimeIsRefusedAndNothingIsSent() {
        String baseUrl = "http://models.tenant.example:" + upstream.port() + "/v1";
        StepVerifier.create(guard.check(baseUrl)).expectNext(baseUrl).verifyComplete();
        connectDns.put("models.tenant.example", "127.0.0.1");

        Candidate own = connections(guard, ByokPriority.ALWAYS, baseUrl).connect(ENDPOINT, UUID.randomUUID()).getFirst();
        StepVerifier.create(connections(guard, ByokPriority.ALWAYS, baseUrl).guard(own, chat(baseUrl)))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(ApiException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(refused.getMessage()).isEqualTo("Your BYOK key's base_url for vllm is refused at call time: "
                            + "base_url models.tenant.example is refused: it resolves to a non-public address; "
                            + "only public addresses are allowed");
                    assertThat(refused.metadata()).containsEntry("provider_name", "vllm");
                }))
                .verify();
        assertThat(upstream.received()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "169.254.169.254", "10.0.0.5", "[::1]"})
    void anAddressLiteralIsCheckedAtConnectTimeToo(String host) {
        String baseUrl = "http://" + host + ":" + upstream.port() + "/v1";
        ByokConnections byok = connections(guard, ByokPriority.ALWAYS, baseUrl);
        Candidate own = byok.connect(ENDPOINT, UUID.randomUUID()).getFirst();
        StepVerifier.create(byok.guard(own, chat(baseUrl)))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ApiException.class)
                        .hasMessageContaining("refused at call time"))
                .verify();
        assertThat(upstream.received()).isEmpty();
    }

    @Test
    void anAllowedAddressIsConnectedToWithTheHostNameKeptForTheHostHeader() {
        String baseUrl = "http://models.tenant.example:" + upstream.port() + "/v1";
        connectDns.put("models.tenant.example", "127.0.0.1");
        InetAddress emulator = InetAddress.getLoopbackAddress();
        PublicAddressResolverGroup loopbackAllowed = new PublicAddressResolverGroup(connectNames,
                address -> BaseUrlGuard.isPublic(address) || address.equals(emulator));

        StepVerifier.create(chat(baseUrl).contextWrite(UpstreamTransport.resolvingWith(loopbackAllowed)))
                .assertNext(answer -> assertThat(answer).contains("chat.completion"))
                .verifyComplete();
        assertThat(upstream.last("chat").header("Host")).isEqualTo("models.tenant.example:" + upstream.port());
    }

    @Test
    void privateAddressesAreConnectedToWhenTheOperatorAllowsThem() {
        BaseUrlGuard lenient = new BaseUrlGuard(new ByokProperties(true, Duration.ofSeconds(10)), host -> {
            throw new AssertionError("no resolution needed");
        }, connectNames);
        String baseUrl = upstream.baseUrl() + "/v1";
        ByokConnections byok = connections(lenient, ByokPriority.ALWAYS, baseUrl);
        Candidate own = byok.connect(ENDPOINT, UUID.randomUUID()).getFirst();

        StepVerifier.create(byok.guard(own, chat(baseUrl)))
                .assertNext(answer -> assertThat(answer).contains("chat.completion"))
                .verifyComplete();
    }

    @Test
    void callsToTheCatalogsAddressAreLeftOnTheSharedClient() {
        ByokConnections byok = connections(guard, ByokPriority.PRIORITIZED, null);
        Mono<String> call = Mono.just("answer");
        for (Candidate candidate : byok.connect(ENDPOINT, UUID.randomUUID())) {
            assertThat(byok.guard(candidate, call)).isSameAs(call);
        }
    }

    /** A chat request the emulator answers with its recorded completion. */
    private Mono<String> chat(String baseUrl) {
        return transport.postJson("vllm", baseUrl + "/chat/completions", new HttpHeaders(),
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"fixture:chat\"}]}"
                        .getBytes(StandardCharsets.UTF_8));
    }

    private List<CredentialSource> sources(ByokConnections byok) {
        return byok.connect(ENDPOINT, UUID.randomUUID()).stream().map(Candidate::credential).toList();
    }
}
