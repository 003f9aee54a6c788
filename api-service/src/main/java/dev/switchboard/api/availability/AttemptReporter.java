package dev.switchboard.api.availability;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

import dev.switchboard.api.platform.PlatformProperties;
import dev.switchboard.api.provider.Completion;
import dev.switchboard.api.provider.StreamEvent;
import dev.switchboard.contracts.catalog.AttemptOutcome;

/**
 * Reports every upstream attempt to catalog-service's availability windows. The hot path only
 * wraps its upstream call ({@link #trackStream}, {@link #trackCompletion}); when the attempt ends
 * its outcome is queued in memory, and a background loop sends the queue in batches to
 * {@code POST /internal/catalog/attempts} every {@code flush-interval}, or as soon as a batch is
 * full. A failed batch is retried with back-off, then dropped: availability statistics are worth
 * less than a request's latency or the service's memory, so every loss is a written, counted
 * decision ({@code switchboard.availability.attempts.dropped}, tagged by reason) and a log line.
 */
@Component
public class AttemptReporter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AttemptReporter.class);
    private static final String DROPPED = "switchboard.availability.attempts.dropped";

    private final WebClient http;
    private final AvailabilityProperties properties;
    private final PlatformProperties platform;
    private final AttemptQueue queue;
    private final Counter sent;
    private final Counter droppedUnsent;
    /** Wakes the send loop when a batch is full; a signal lost to a concurrent one is caught by the next tick. */
    private final Sinks.Many<Integer> batchFull = Sinks.many().multicast().directBestEffort();
    private final List<AttemptObserver> observers;
    private volatile Running running;

    public AttemptReporter(WebClient.Builder builder, PlatformProperties platform, AvailabilityProperties properties,
                           MeterRegistry meters, List<AttemptObserver> observers) {
        this.observers = List.copyOf(observers);
        this.http = builder.clone()
                .baseUrl(platform.catalogUrl().toString())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + platform.internalToken())
                .build();
        this.properties = properties;
        this.platform = platform;
        this.queue = new AttemptQueue(properties.queueSize(), meters.counter(DROPPED, "reason", "queue_full"));
        this.sent = meters.counter("switchboard.availability.attempts.sent");
        this.droppedUnsent = meters.counter(DROPPED, "reason", "send_failed");
        meters.gauge("switchboard.availability.attempts.queued", queue, AttemptQueue::size);
    }

    /** Wraps one streamed call to {@code endpointId}; the attempt starts at subscription. */
    public Flux<StreamEvent> trackStream(String endpointId, Flux<StreamEvent> upstream) {
        return Flux.defer(() -> {
            UpstreamAttempt attempt = UpstreamAttempt.start(endpointId);
            return upstream
                    .doOnNext(attempt::received)
                    .doOnComplete(() -> report(attempt.completed()))
                    .doOnError(error -> report(attempt.failed(error)))
                    .doOnCancel(() -> attempt.abandoned().ifPresent(this::report));
        });
    }

    /** Wraps one non-streamed call to {@code endpointId}; the attempt starts at subscription. */
    public Mono<Completion> trackCompletion(String endpointId, Mono<Completion> upstream) {
        return Mono.defer(() -> {
            UpstreamAttempt attempt = UpstreamAttempt.start(endpointId);
            return upstream
                    .doOnNext(completion -> report(attempt.completed(completion.usage())))
                    .doOnError(error -> report(attempt.failed(error)));
        });
    }

    /**
     * The status an attempt that failed with {@code error} is reported with: the upstream's own
     * where it answered, 0 where no complete response arrived. Shared with the generation record's
     * {@code provider_responses}, so both tell the same story.
     */
    public static int statusOf(Throwable error, boolean streamBegan) {
        return UpstreamAttempt.status(error, streamBegan);
    }

    /** Tells the observers, then queues one outcome; never blocks, never fails. */
    void report(AttemptOutcome outcome) {
        for (AttemptObserver observer : observers) {
            observer.observe(outcome);
        }
        if (queue.add(outcome) == properties.batchSize()) {
            batchFull.tryEmitNext(properties.batchSize());
        }
    }

    /** Sends everything queued now, batch after batch; completes when each batch was sent or dropped. */
    Mono<Void> flush() {
        return Flux.defer(() -> Flux.fromIterable(queue.drain(properties.batchSize())))
                .concatMap(this::send)
                .then();
    }

    private Mono<Void> send(List<AttemptOutcome> batch) {
        return http.post().uri("/internal/catalog/attempts")
                .bodyValue(batch)
                .retrieve()
                .toBodilessEntity()
                .timeout(platform.internalTimeout())
                .retryWhen(Retry.backoff(properties.retries(), properties.retryBackoff()))
                .doOnSuccess(accepted -> sent.increment(batch.size()))
                .then()
                .onErrorResume(error -> dropUnsent(batch, error));
    }

    /** Logs the failure's kind and message only: the request's headers (the internal token) never reach the log. */
    private Mono<Void> dropUnsent(List<AttemptOutcome> batch, Throwable error) {
        Throwable cause = Exceptions.isRetryExhausted(error) && error.getCause() != null ? error.getCause() : error;
        droppedUnsent.increment(batch.size());
        log.warn("Dropped {} upstream attempts: catalog-service did not accept them after {} tries ({}: {})",
                batch.size(), properties.retries() + 1, cause.getClass().getSimpleName(), cause.getMessage());
        return Mono.empty();
    }

    /**
     * Starts the send loop: a flush on every tick and every full batch, one at a time. A stop
     * request ends the ticks, lets the flush in progress finish, and sends what is left.
     */
    @Override
    public void start() {
        Sinks.One<Boolean> stopRequested = Sinks.one();
        Mono<Void> done = Flux.<Object>merge(Flux.interval(properties.flushInterval()), batchFull.asFlux())
                .onBackpressureDrop()
                .takeUntilOther(stopRequested.asMono())
                .concatMap(tick -> flush(), 1)
                .then(Mono.defer(this::flush))
                .cache();
        done.subscribe();
        running = new Running(stopRequested, done);
    }

    /**
     * Lets the shutdown go on once what was queued has been sent, or after the internal timeout:
     * attempts still unsent then are lost with the process, which the log says.
     */
    @Override
    public void stop(Runnable callback) {
        Running current = running;
        running = null;
        if (current == null) {
            callback.run();
            return;
        }
        current.stopRequested().tryEmitValue(true);
        current.done()
                .timeout(platform.internalTimeout())
                .doOnError(error -> log.warn("Stopped with {} upstream attempts unsent: {}", queue.size(),
                        error.getClass().getSimpleName()))
                .onErrorResume(error -> Mono.empty())
                .doFinally(signal -> callback.run())
                .subscribe();
    }

    @Override
    public void stop() {
        stop(() -> { });
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }

    /**
     * Below the web server's phases (graceful shutdown at {@code DEFAULT_PHASE - 1024}, stop at
     * {@code - 2048}), so it stops after requests in flight have ended and queued their attempts,
     * and above the HTTP client's resources (phase 0), which the final flush still needs.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    /** The send loop of one start: the signal that ends it and its completion. */
    private record Running(Sinks.One<Boolean> stopRequested, Mono<Void> done) {
    }
}
