package dev.switchboard.api.provider;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dev.switchboard.api.catalog.Endpoint;
import dev.switchboard.api.catalog.PriceSheet;
import dev.switchboard.api.catalog.Provider;
import dev.switchboard.api.provider.openai.CompatibleProfiles;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderDirectoryTest {

    /** Stands for whichever adapter speaks the style; the directory only chooses, it never calls. */
    private static final ProviderAdapter COMPATIBLE = new ProviderAdapter() {
        @Override
        public boolean speaks(String apiStyle) {
            return "openai-compatible".equals(apiStyle);
        }

        @Override
        public Mono<Completion> complete(UpstreamCall call) {
            return Mono.empty();
        }

        @Override
        public Flux<StreamEvent> stream(UpstreamCall call) {
            return Flux.empty();
        }
    };
    private static final CompatibleProfiles PROFILES = new CompatibleProfiles(JsonMapper.builder().build());

    @Test
    void aKeylessSelfHostedServerIsCalledAtItsProfilesDefaultAddressWithoutAKey() {
        Optional<ProviderDirectory.Connection> connection = directory(Map.of("ollama", settings(null, null)))
                .connect(endpoint("ollama", null));

        assertThat(connection).hasValueSatisfying(c -> {
            assertThat(c.baseUrl()).isEqualTo("http://127.0.0.1:11434/v1");
            assertThat(c.apiKey()).isNull();
        });
    }

    @Test
    void aProviderThatNeedsAKeyIsNotCalledWithoutOne() {
        assertThat(directory(Map.of("groq", settings(null, null))).connect(endpoint("groq", "https://api.groq.com/openai/v1")))
                .isEmpty();
        assertThat(directory(Map.of()).connect(endpoint("groq", "https://api.groq.com/openai/v1"))).isEmpty();
    }

    @Test
    void theConfiguredAddressWinsOverTheCatalogsWhichWinsOverTheProfiles() {
        assertThat(directory(Map.of("groq", settings(URI.create("http://127.0.0.1:9000/v1"), "k")))
                .connect(endpoint("groq", "https://api.groq.com/openai/v1")))
                .hasValueSatisfying(c -> assertThat(c.baseUrl()).isEqualTo("http://127.0.0.1:9000/v1"));
        assertThat(directory(Map.of("groq", settings(null, "k"))).connect(endpoint("groq", "https://groq.example/v1")))
                .hasValueSatisfying(c -> assertThat(c.baseUrl()).isEqualTo("https://groq.example/v1"));
        assertThat(directory(Map.of("groq", settings(null, "k"))).connect(endpoint("groq", null)))
                .hasValueSatisfying(c -> assertThat(c.baseUrl()).isEqualTo("https://api.groq.com/openai/v1"));
    }

    private static ProviderDirectory directory(Map<String, ProviderProperties.Settings> providers) {
        return new ProviderDirectory(List.of(COMPATIBLE), new ProviderProperties(providers,
                TestEndpoints.noProviders().upstream()), PROFILES);
    }

    private static ProviderProperties.Settings settings(URI baseUrl, String apiKey) {
        return new ProviderProperties.Settings(baseUrl, apiKey, null, null);
    }

    private static Endpoint endpoint(String slug, String baseUrl) {
        PriceSheet free = new PriceSheet("p", BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO);
        return new Endpoint(slug + "-ep", "m/x", new Provider(slug, slug, "openai-compatible", baseUrl, false), "x",
                free, 8_192, 0, Set.of(), true);
    }
}
