package dev.switchboard.api.provider;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.switchboard.api.catalog.Endpoint;
import dev.switchboard.api.credit.Charge;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an adapter test against recorded traffic needs besides the adapter: the provider's
 * {@link RecordedUpstream}, the catalogued endpoint under test, the calls that name a recording,
 * and the cost check each recording ends with. Registered as a static extension
 * ({@code @RegisterExtension}), it stops its upstream after the class.
 */
public final class ReplayedProvider implements AfterAllCallback, AutoCloseable {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final RecordedUpstream upstream;
    private final Endpoint endpoint;
    private final String basePath;
    private final String apiKey;

    /**
     * @param provider the folder of recordings under {@code src/test/resources/upstream/}
     * @param basePath what the catalog's base URL adds to the host ({@code /v1}, {@code /v1beta})
     */
    public ReplayedProvider(String provider, Endpoint endpoint, String basePath, String apiKey) {
        this.upstream = new RecordedUpstream(provider);
        this.endpoint = endpoint;
        this.basePath = basePath;
        this.apiKey = apiKey;
    }

    public RecordedUpstream upstream() {
        return upstream;
    }

    /** A chat request for {@code model} whose user message names {@code fixture}, with {@code extraFields} ({@code "a":1,}) first. */
    public static ObjectNode chat(String model, String fixture, String extraFields) {
        return (ObjectNode) JSON.readTree("{\"model\":\"" + model + "\"," + extraFields
                + "\"messages\":[{\"role\":\"user\",\"content\":\"fixture:" + fixture + "\"}]}");
    }

    /** {@code body} sent to the endpoint under test. */
    public UpstreamCall call(ObjectNode body) {
        return call(endpoint, body);
    }

    /** {@code body} sent to another endpoint of the same upstream. */
    public UpstreamCall call(Endpoint other, ObjectNode body) {
        return new UpstreamCall("gen-1", other, body, upstream.baseUrl() + basePath, apiKey);
    }

    /** The endpoint's platform charge for {@code usage}: upstream cost and total with the 5 % fee, in nanos. */
    public void assertCost(TokenUsage usage, long upstreamNanos, long totalNanos) {
        Charge charge = TestEndpoints.PRICING.charge(endpoint.prices(), usage, false);
        assertThat(charge.upstreamCostNanos()).isEqualTo(upstreamNanos);
        assertThat(charge.totalNanos()).isEqualTo(totalNanos);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        upstream.close();
    }
}
