package dev.switchboard.api.provider;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;

import org.springframework.web.reactive.function.client.WebClient;

import dev.switchboard.api.catalog.Endpoint;
import dev.switchboard.api.catalog.PriceSheet;
import dev.switchboard.api.catalog.Provider;
import dev.switchboard.api.credit.FeeProperties;
import dev.switchboard.api.credit.Pricing;

/** Catalog entries, prices and a real transport for adapter tests, as the catalog would describe them. */
public final class TestEndpoints {

    /** The platform's default fees: 5 % on platform usage. */
    public static final Pricing PRICING = new Pricing(
            new FeeProperties(new BigDecimal("5"), new BigDecimal("5"), Duration.ofMinutes(15)));

    private TestEndpoints() {
    }

    public static PriceSheet prices(String prompt, String completion, String cacheRead, String cacheWrite) {
        return new PriceSheet("price-1", new BigDecimal(prompt), new BigDecimal(completion), new BigDecimal(cacheRead),
                new BigDecimal(cacheWrite), BigDecimal.ZERO, BigDecimal.ZERO);
    }

    public static Endpoint endpoint(String slug, String apiStyle, String upstreamModelId, PriceSheet prices,
                                    long maxCompletionTokens, Set<String> supportedParameters) {
        return new Endpoint(slug + "-ep", "vendor/model", new Provider(slug, slug, apiStyle, null, false), upstreamModelId,
                prices, 200_000, maxCompletionTokens, supportedParameters, true);
    }

    public static UpstreamTransport transport(ProviderProperties properties) {
        return new UpstreamTransport(WebClient.builder(), properties);
    }

    public static ProviderProperties noProviders() {
        return new ProviderProperties(null, new ProviderProperties.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(30)));
    }
}
