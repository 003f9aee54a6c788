package dev.switchboard.api.availability;

import java.time.Instant;
import java.util.Optional;

import dev.switchboard.api.provider.ProviderError;
import dev.switchboard.api.provider.ProviderException;
import dev.switchboard.api.provider.StreamEvent;
import dev.switchboard.api.provider.TokenUsage;
import dev.switchboard.contracts.catalog.AttemptOutcome;

/**
 * The clock and token count of one call to one endpoint, from subscription to its end. Written by
 * the upstream's signals only (which are serial); the fields are volatile because a client's
 * cancellation reads them from another thread.
 */
final class UpstreamAttempt {

    private final String endpointId;
    private final Instant startedAt = Instant.now();
    private final long startedNanos = System.nanoTime();
    private volatile long firstTokenNanos;
    private volatile long generatedPieces;
    private volatile long reportedCompletionTokens;

    private UpstreamAttempt(String endpointId) {
        this.endpointId = endpointId;
    }

    static UpstreamAttempt start(String endpointId) {
        return new UpstreamAttempt(endpointId);
    }

    void received(StreamEvent event) {
        switch (event) {
            case StreamEvent.Chunk chunk -> {
                if (firstTokenNanos == 0) {
                    firstTokenNanos = System.nanoTime();
                }
                generatedPieces += chunk.generatedPieces();
            }
            case StreamEvent.HiddenPieces hidden -> generatedPieces += hidden.generatedPieces();
            case StreamEvent.InputUsage input -> {
                // the prompt's count says nothing about the endpoint's speed
            }
            case StreamEvent.Usage usage -> reportedCompletionTokens = usage.usage().completionTokens();
        }
    }

    /** True once the endpoint has sent a first chunk. */
    boolean began() {
        return firstTokenNanos != 0;
    }

    /** A stream that ran to its end. */
    AttemptOutcome completed() {
        return outcome(200, timeToFirstTokenMs(), outputTokens());
    }

    /**
     * A whole (non-streamed) answer: its first token arrived with the body, so the time to first
     * token is the duration, which is what a caller of a non-streamed request waits for.
     */
    AttemptOutcome completed(TokenUsage usage) {
        long durationMs = elapsedMs(System.nanoTime());
        return new AttemptOutcome(endpointId, startedAt, 200, durationMs, durationMs, usage.completionTokens());
    }

    AttemptOutcome failed(Throwable error) {
        return outcome(status(error, began()), timeToFirstTokenMs(), outputTokens());
    }

    /**
     * The client went away. If the endpoint had begun answering, it was serving fine and the
     * attempt counts as a success with what it produced; before that nothing was learned about the
     * endpoint (a hung upstream is caught by the first-byte timeout of requests that wait), so
     * nothing is reported.
     */
    Optional<AttemptOutcome> abandoned() {
        return began() ? Optional.of(completed()) : Optional.empty();
    }

    /**
     * The upstream's status where it answered with one; 0 where no complete response arrived: a
     * refused or broken connection, a timeout (an upstream 408 is folded in here, as the error
     * does not keep it; both count as failures), or a stream that broke after it began.
     */
    static int status(Throwable error, boolean streamBegan) {
        if (streamBegan || !(error instanceof ProviderException provider)) {
            return 0;
        }
        return switch (provider.error()) {
            case ProviderError.InvalidRequest invalid -> invalid.upstreamStatus();
            case ProviderError.AuthenticationFailed refused -> refused.upstreamStatus();
            case ProviderError.RateLimited limited -> 429;
            case ProviderError.TimedOut timedOut -> 0;
            case ProviderError.Unavailable unavailable -> unavailable.upstreamStatus();
        };
    }

    private AttemptOutcome outcome(int httpStatus, Long ttftMs, long outputTokens) {
        return new AttemptOutcome(endpointId, startedAt, httpStatus, ttftMs, elapsedMs(System.nanoTime()), outputTokens);
    }

    /** The upstream's own count when it reported one, else the pieces seen (each at least one token). */
    private long outputTokens() {
        long reported = reportedCompletionTokens;
        return reported > 0 ? reported : generatedPieces;
    }

    private Long timeToFirstTokenMs() {
        long first = firstTokenNanos;
        return first == 0 ? null : elapsedMs(first);
    }

    private long elapsedMs(long nanoTime) {
        return (nanoTime - startedNanos) / 1_000_000;
    }
}
