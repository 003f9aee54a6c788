package dev.switchboard.api.inference;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.switchboard.api.provider.StreamEvent;
import dev.switchboard.api.provider.TokenUsage;
import dev.switchboard.api.routing.Candidate;

/**
 * What one request has produced so far: which endpoint is serving it, when the first token came,
 * how many pieces were generated, the usage the upstream reported. One instance per request,
 * created inside the request's {@code defer}; written by the request's own pipeline only.
 */
final class GenerationMeter {

    private final long startedNanos = System.nanoTime();
    private final Instant startedAt = Instant.now();
    private volatile Candidate servedBy;
    private volatile long firstTokenNanos;
    private volatile long generatedPieces;
    private volatile TokenUsage reportedUsage;
    private volatile TokenUsage inputUsage;
    private volatile String finishReason;
    private volatile boolean framesSent;
    private final List<ProviderResponse> attempts = new CopyOnWriteArrayList<>();

    void servedBy(Candidate candidate) {
        this.servedBy = candidate;
    }

    Candidate servedBy() {
        return servedBy;
    }

    void attempted(ProviderResponse attempt) {
        attempts.add(attempt);
    }

    /** The serving attempt broke after its first byte: it is recorded as a broken stream (status 0). */
    void servingAttemptBroke(String error) {
        if (!attempts.isEmpty()) {
            ProviderResponse last = attempts.getLast();
            attempts.set(attempts.size() - 1, new ProviderResponse(last.candidate(), 0, last.latencyMs(), error));
        }
    }

    /** Every attempt so far, in order. */
    List<ProviderResponse> attempts() {
        return List.copyOf(attempts);
    }

    /** Nanoseconds since the request started, for the failover window. */
    long elapsedNanos() {
        return System.nanoTime() - startedNanos;
    }

    void observe(StreamEvent event) {
        switch (event) {
            case StreamEvent.Chunk chunk -> {
                if (firstTokenNanos == 0) {
                    firstTokenNanos = System.nanoTime();
                }
                generatedPieces += chunk.generatedPieces();
                if (chunk.finishReason() != null) {
                    finishReason = chunk.finishReason();
                }
            }
            case StreamEvent.HiddenPieces hidden -> generatedPieces += hidden.generatedPieces();
            case StreamEvent.InputUsage input -> inputUsage = input.usage();
            case StreamEvent.Usage usage -> reportedUsage = usage.usage();
        }
    }

    void completed(TokenUsage usage, String finishReason) {
        if (firstTokenNanos == 0) {
            firstTokenNanos = System.nanoTime();
        }
        this.reportedUsage = usage;
        this.finishReason = finishReason;
    }

    /**
     * The usage to charge: the upstream's report when there is one; otherwise (cancelled or broken
     * stream) the pieces seen so far, hidden reasoning included — each piece is at least one token, so this never
     * charges more than was generated — and the prompt as the upstream counted it when its stream
     * opened ({@link StreamEvent.InputUsage}: Anthropic's {@code message_start}, cache reads and writes
     * included), or else the prompt estimate.
     */
    TokenUsage usageToCharge(long promptTokensEstimate) {
        TokenUsage reported = reportedUsage;
        if (reported != null && (reported.promptTokens() > 0 || reported.completionTokens() > 0)) {
            return reported;
        }
        if (servedBy == null) {
            return TokenUsage.NONE;
        }
        TokenUsage input = inputUsage;
        if (input != null) {
            return new TokenUsage(input.promptTokens(), generatedPieces, input.cachedTokens(), input.cacheWriteTokens(), 0);
        }
        return new TokenUsage(promptTokensEstimate, generatedPieces, 0, 0, 0);
    }

    boolean usageReported() {
        return reportedUsage != null;
    }

    void framesSent() {
        framesSent = true;
    }

    boolean anyFrameSent() {
        return framesSent;
    }

    String finishReason() {
        return finishReason;
    }

    Instant startedAt() {
        return startedAt;
    }

    long latencyMs() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    long timeToFirstTokenMs() {
        return firstTokenNanos == 0 ? 0 : (firstTokenNanos - startedNanos) / 1_000_000;
    }

    long generationTimeMs() {
        return firstTokenNanos == 0 ? 0 : (System.nanoTime() - firstTokenNanos) / 1_000_000;
    }
}
