package dev.switchboard.api.provider;

import java.math.BigDecimal;
import java.util.Set;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import dev.switchboard.api.catalog.Endpoint;
import dev.switchboard.api.catalog.PriceSheet;
import dev.switchboard.api.catalog.Provider;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderAdapterTest {

    /** An adapter for an API without embeddings, implementing only what every adapter must. */
    private static final ProviderAdapter CHAT_ONLY = new ProviderAdapter() {
        public boolean speaks(String apiStyle) {
            return true;
        }

        public Mono<Completion> complete(UpstreamCall call) {
            return Mono.empty();
        }

        public Flux<StreamEvent> stream(UpstreamCall call) {
            return Flux.empty();
        }
    };

    @Test
    void anAdapterWithoutEmbeddingsSaysSoWithANonRetryable400() {
        Endpoint endpoint = new Endpoint("e", "x/y", new Provider("chatonly", "Chat Only", "chatonly", "http://h", false), "y",
                new PriceSheet("p", BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO),
                1000, 0, Set.of(), true);

        assertThat(CHAT_ONLY.embeds()).isFalse();
        StepVerifier.create(CHAT_ONLY.embed(new UpstreamCall("g", endpoint, null, "http://h", null)))
                .expectErrorSatisfies(error -> {
                    ProviderError providerError = ((ProviderException) error).error();
                    assertThat(providerError.clientStatus().value()).isEqualTo(400);
                    assertThat(providerError.retryable()).isFalse();
                    assertThat(providerError.message()).isEqualTo("model does not support embeddings");
                })
                .verify();
    }
}
