package dev.switchboard.api.availability;

import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import dev.switchboard.api.provider.ProviderError;
import dev.switchboard.api.provider.ProviderException;
import dev.switchboard.api.provider.StreamEvent;
import dev.switchboard.api.provider.TokenUsage;
import dev.switchboard.contracts.catalog.AttemptOutcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** What one attempt reports: the status the catalog's uptime counts, the clock, the tokens. */
class UpstreamAttemptTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Stream<Arguments> failuresBeforeTheFirstToken() {
        return Stream.of(
                arguments(new ProviderError.InvalidRequest("openai", 400, "bad"), 400),
                arguments(new ProviderError.InvalidRequest("openai", 413, "too large"), 413),
                arguments(new ProviderError.AuthenticationFailed("openai", 401, "who"), 401),
                arguments(new ProviderError.RateLimited("openai", "slow down", Duration.ofSeconds(3)), 429),
                arguments(new ProviderError.Unavailable("openai", 503, "overloaded"), 503),
                arguments(new ProviderError.Unavailable("openai", 402, "upstream out of credit"), 402),
                arguments(new ProviderError.Unavailable("openai", 0, "connection refused"), 0),
                arguments(new ProviderError.TimedOut("openai", "no first byte"), 0));
    }

    @ParameterizedTest
    @MethodSource("failuresBeforeTheFirstToken")
    void aFailureBeforeTheFirstTokenCarriesTheUpstreamStatusOrZeroWithoutOne(ProviderError error, int status) {
        UpstreamAttempt attempt = UpstreamAttempt.start("e1");

        AttemptOutcome outcome = attempt.failed(new ProviderException(error));

        assertThat(outcome.httpStatus()).isEqualTo(status);
        assertThat(outcome.ttftMs()).isNull();
        assertThat(outcome.outputTokens()).isZero();
        assertThat(outcome.endpointId()).isEqualTo("e1");
    }

    @Test
    void aFailureThatIsNoProviderErrorHasNoStatus() {
        assertThat(UpstreamAttempt.start("e1").failed(new IllegalStateException("decoder bug")).httpStatus()).isZero();
    }

    @Test
    void aStreamThatBreaksAfterItBeganHasNoStatusButKeepsItsClockAndTokens() {
        UpstreamAttempt attempt = UpstreamAttempt.start("e1");
        attempt.received(chunk(1));
        attempt.received(chunk(1));

        AttemptOutcome outcome = attempt.failed(new ProviderException(new ProviderError.Unavailable("openai", 0, "reset")));

        assertThat(outcome.httpStatus()).isZero();
        assertThat(outcome.ttftMs()).isNotNull().isBetween(0L, outcome.durationMs());
        assertThat(outcome.outputTokens()).isEqualTo(2);
    }

    @Test
    void aCompletedStreamCountsTheUpstreamsReportedTokensOverThePiecesSeen() {
        UpstreamAttempt attempt = UpstreamAttempt.start("e1");
        attempt.received(chunk(0));
        attempt.received(chunk(1));
        attempt.received(new StreamEvent.Usage(new TokenUsage(20, 9, 0, 0, 0), "up"));

        AttemptOutcome outcome = attempt.completed();

        assertThat(outcome.httpStatus()).isEqualTo(200);
        assertThat(outcome.outputTokens()).isEqualTo(9);
        assertThat(outcome.ttftMs()).isNotNull().isBetween(0L, outcome.durationMs());
        assertThat(outcome.startedAt()).isNotNull();
    }

    @Test
    void aCompletedStreamWithoutAUsageReportCountsThePiecesSeen() {
        UpstreamAttempt attempt = UpstreamAttempt.start("e1");
        attempt.received(chunk(2));
        attempt.received(chunk(3));

        assertThat(attempt.completed().outputTokens()).isEqualTo(5);
    }

    @Test
    void aWholeAnswerTakesItsDurationAsTimeToFirstToken() {
        AttemptOutcome outcome = UpstreamAttempt.start("e1").completed(new TokenUsage(20, 8, 0, 0, 0));

        assertThat(outcome.httpStatus()).isEqualTo(200);
        assertThat(outcome.ttftMs()).isEqualTo(outcome.durationMs());
        assertThat(outcome.outputTokens()).isEqualTo(8);
    }

    @Test
    void anAbandonedAttemptIsASuccessOnlyIfTheEndpointHadBegunAnswering() {
        UpstreamAttempt waiting = UpstreamAttempt.start("e1");
        UpstreamAttempt answering = UpstreamAttempt.start("e2");
        answering.received(chunk(1));

        assertThat(waiting.abandoned()).isEmpty();
        assertThat(answering.abandoned()).hasValueSatisfying(outcome -> {
            assertThat(outcome.httpStatus()).isEqualTo(200);
            assertThat(outcome.outputTokens()).isEqualTo(1);
        });
    }

    private static StreamEvent.Chunk chunk(int pieces) {
        return new StreamEvent.Chunk(JSON.createObjectNode(), pieces, null);
    }
}
