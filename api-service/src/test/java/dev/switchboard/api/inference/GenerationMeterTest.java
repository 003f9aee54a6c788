package dev.switchboard.api.inference;

import org.junit.jupiter.api.Test;

import dev.switchboard.api.provider.ProviderDirectory;
import dev.switchboard.api.provider.StreamEvent;
import dev.switchboard.api.provider.TokenUsage;
import dev.switchboard.api.routing.Candidate;

import static org.assertj.core.api.Assertions.assertThat;

/** What a stream that ends without the upstream's final usage report (cancelled, broken) is charged. */
class GenerationMeterTest {

    private static final long ESTIMATE = 17;

    private final GenerationMeter meter = served();

    @Test
    void aCancelledStreamThatOpenedWithTheUpstreamsInputCountIsChargedThatCountExactly() {
        meter.observe(new StreamEvent.InputUsage(new TokenUsage(14, 0, 2048, 512, 0)));
        meter.observe(new StreamEvent.Chunk(null, 3, null));
        meter.observe(new StreamEvent.Chunk(null, 4, null));

        assertThat(meter.usageToCharge(ESTIMATE)).isEqualTo(new TokenUsage(14, 7, 2048, 512, 0));
    }

    @Test
    void withoutAnInputCountTheEstimateStandsInForThePrompt() {
        meter.observe(new StreamEvent.Chunk(null, 5, null));

        assertThat(meter.usageToCharge(ESTIMATE)).isEqualTo(new TokenUsage(ESTIMATE, 5, 0, 0, 0));
    }

    @Test
    void aStreamCancelledDuringHiddenReasoningIsChargedForTheReasoningGenerated() {
        meter.observe(new StreamEvent.InputUsage(new TokenUsage(14, 0, 0, 0, 0)));
        meter.observe(new StreamEvent.HiddenPieces(1));
        meter.observe(new StreamEvent.HiddenPieces(1));
        meter.observe(new StreamEvent.Chunk(null, 1, null));

        assertThat(meter.usageToCharge(ESTIMATE)).isEqualTo(new TokenUsage(14, 3, 0, 0, 0));
    }

    @Test
    void theUpstreamsFinalReportWinsOverEverythingSeenBefore() {
        TokenUsage reported = new TokenUsage(14, 9, 2048, 512, 2);
        meter.observe(new StreamEvent.InputUsage(new TokenUsage(14, 0, 2048, 512, 0)));
        meter.observe(new StreamEvent.Chunk(null, 7, "stop"));
        meter.observe(new StreamEvent.Usage(reported, "msg_1"));

        assertThat(meter.usageToCharge(ESTIMATE)).isEqualTo(reported);
    }

    @Test
    void nothingIsChargedWhenNoEndpointServed() {
        GenerationMeter unserved = new GenerationMeter();
        unserved.observe(new StreamEvent.InputUsage(new TokenUsage(14, 0, 0, 0, 0)));

        assertThat(unserved.usageToCharge(ESTIMATE)).isEqualTo(TokenUsage.NONE);
    }

    private static GenerationMeter served() {
        GenerationMeter meter = new GenerationMeter();
        meter.servedBy(new Candidate(null, new ProviderDirectory.Connection(null, "http://upstream", "key")));
        return meter;
    }
}
