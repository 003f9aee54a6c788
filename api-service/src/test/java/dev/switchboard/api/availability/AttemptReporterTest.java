package dev.switchboard.api.availability;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.client.WebClient;

import dev.switchboard.api.platform.PlatformProperties;
import dev.switchboard.api.provider.Completion;
import dev.switchboard.api.provider.ProviderError;
import dev.switchboard.api.provider.ProviderException;
import dev.switchboard.api.provider.StreamEvent;
import dev.switchboard.api.provider.TokenUsage;
import dev.switchboard.contracts.catalog.AttemptOutcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/** The reporter against a local stand-in for catalog-service: batching, the bounded queue, retries. */
class AttemptReporterTest {

    private static final Duration NEVER = Duration.ofHours(1);

    private final CatalogAttemptsStub catalog = new CatalogAttemptsStub();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private AttemptReporter reporter;

    @AfterEach
    void stop() {
        if (reporter != null && reporter.isRunning()) {
            reporter.stop();
        }
        catalog.close();
    }

    @Test
    void queuedAttemptsAreSentTogetherOnTheFlushIntervalWithTheInternalToken() {
        reporter = reporter(Duration.ofMillis(200), 200, 1_000, 0);
        reporter.start();

        attempts(3).forEach(reporter::report);

        await().atMost(Duration.ofSeconds(5)).until(() -> catalog.acceptedAttempts().size() == 3);
        assertThat(catalog.received()).singleElement().satisfies(request -> {
            assertThat(request.authorization()).isEqualTo("Bearer test-token");
            assertThat(request.batch()).isEqualTo(attempts(3));
        });
        assertThat(counter("switchboard.availability.attempts.sent")).isEqualTo(3);
    }

    @Test
    void aFullBatchIsSentWithoutWaitingForTheInterval() {
        reporter = reporter(NEVER, 200, 10_000, 0);
        reporter.start();

        attempts(200).forEach(reporter::report);

        await().atMost(Duration.ofSeconds(5)).until(() -> catalog.acceptedAttempts().size() == 200);
        assertThat(catalog.accepted()).containsExactly(attempts(200));
    }

    @Test
    void manyAttemptsTravelInFewBatchesOfAtMostTheBatchSizeEachOnce() throws InterruptedException {
        reporter = reporter(NEVER, 200, 10_000, 0);
        reporter.start();

        attempts(1_000).forEach(reporter::report);
        CountDownLatch stopped = new CountDownLatch(1);
        reporter.stop(stopped::countDown);
        stopped.await();

        assertThat(catalog.acceptedAttempts()).containsExactlyInAnyOrderElementsOf(attempts(1_000));
        assertThat(catalog.accepted()).allSatisfy(batch -> assertThat(batch).hasSizeBetween(1, 200));
        assertThat(catalog.received()).hasSizeLessThan(20);
    }

    @Test
    void aFullQueueDropsTheOldestAttemptsAndCountsThem() {
        reporter = reporter(NEVER, 100, 5, 0);

        attempts(8).forEach(reporter::report);
        reporter.flush().block();

        assertThat(counter("switchboard.availability.attempts.dropped", "queue_full")).isEqualTo(3);
        assertThat(catalog.acceptedAttempts()).isEqualTo(attempts(8).subList(3, 8));
    }

    @Test
    void aFailedBatchIsRetriedUntilCatalogServiceAcceptsIt() {
        reporter = reporter(NEVER, 100, 1_000, 3);
        catalog.failNext(2);

        attempts(4).forEach(reporter::report);
        reporter.flush().block();

        assertThat(catalog.received()).extracting(CatalogAttemptsStub.Received::status).containsExactly(503, 503, 202);
        assertThat(catalog.received()).allSatisfy(request -> assertThat(request.batch()).isEqualTo(attempts(4)));
        assertThat(counter("switchboard.availability.attempts.sent")).isEqualTo(4);
        assertThat(counter("switchboard.availability.attempts.dropped", "send_failed")).isZero();
    }

    @Test
    void aBatchStillFailingAfterItsRetriesIsDroppedAndCounted() {
        reporter = reporter(NEVER, 100, 1_000, 2);
        catalog.failNext(100);

        attempts(4).forEach(reporter::report);
        reporter.flush().block();
        reporter.flush().block();

        assertThat(catalog.received()).hasSize(3).allSatisfy(request -> assertThat(request.status()).isEqualTo(503));
        assertThat(counter("switchboard.availability.attempts.dropped", "send_failed")).isEqualTo(4);
        assertThat(counter("switchboard.availability.attempts.sent")).isZero();
    }

    @Test
    void everyTrackedCallIsReportedOnceWithItsOutcome() {
        reporter = reporter(NEVER, 100, 1_000, 0);
        JsonMapper json = JsonMapper.builder().build();
        Flux<StreamEvent> served = Flux.just(
                new StreamEvent.Chunk(json.createObjectNode(), 1, null),
                new StreamEvent.Usage(new TokenUsage(10, 5, 0, 0, 0), "up-1"));
        Flux<StreamEvent> limited = Flux.error(new ProviderException(new ProviderError.RateLimited("openai", "slow down", null)));
        Mono<Completion> answered = Mono.just(new Completion(json.createObjectNode(), new TokenUsage(10, 8, 0, 0, 0), "stop"));

        reporter.trackStream("e-limited", limited).onErrorResume(error -> Flux.empty()).blockLast();
        reporter.trackStream("e-served", served).blockLast();
        reporter.trackCompletion("e-answered", answered).block();
        reporter.flush().block();

        assertThat(catalog.acceptedAttempts())
                .extracting(AttemptOutcome::endpointId, AttemptOutcome::httpStatus, AttemptOutcome::outputTokens)
                .containsExactly(
                        tuple("e-limited", 429, 0L),
                        tuple("e-served", 200, 5L),
                        tuple("e-answered", 200, 8L));
    }

    @Test
    void aStreamTheClientAbandonsBeforeItsFirstTokenIsNotReported() {
        reporter = reporter(NEVER, 100, 1_000, 0);

        reporter.trackStream("e-slow", Flux.never()).take(Duration.ofMillis(20)).blockLast();
        reporter.flush().block();

        assertThat(catalog.received()).isEmpty();
    }

    private AttemptReporter reporter(Duration flushInterval, int batchSize, int queueSize, int retries) {
        PlatformProperties platform = new PlatformProperties("test-token", "admin-token", URI.create(catalog.url()),
                URI.create("http://127.0.0.1:9"), Duration.ofSeconds(5));
        AvailabilityProperties properties = new AvailabilityProperties(flushInterval, batchSize, queueSize, retries,
                Duration.ofMillis(10));
        return new AttemptReporter(WebClient.builder(), platform, properties, meters, java.util.List.of());
    }

    /** Distinct attempts, told apart by their endpoint ids {@code e0, e1, …}. */
    private static List<AttemptOutcome> attempts(int count) {
        Instant start = Instant.parse("2026-11-23T03:00:00Z");
        return IntStream.range(0, count)
                .mapToObj(i -> new AttemptOutcome("e" + i, start.plusMillis(i), 200, 120L, 900L, 42))
                .toList();
    }

    private double counter(String name) {
        return meters.counter(name).count();
    }

    private double counter(String name, String reason) {
        return meters.counter(name, "reason", reason).count();
    }
}
