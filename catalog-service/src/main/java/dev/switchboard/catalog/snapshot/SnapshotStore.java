package dev.switchboard.catalog.snapshot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

import dev.switchboard.catalog.platform.PlatformProperties;
import dev.switchboard.catalog.seed.SeedLoader;
import dev.switchboard.contracts.RedisKeys;

/**
 * Holds the current {@link Catalog} in memory and keeps it current.
 *
 * <p>The first read waits for the seed load and first build (without blocking a thread). After
 * that the catalog is rebuilt: when this service changes it ({@link #refresh()}), when another
 * instance announces a version on {@link RedisKeys#catalogChanged()}, at the moment the next
 * future-dated price takes effect, and every {@code switchboard.snapshot-refresh} as a safety net
 * for edits made directly in the database. A new version is installed and announced only when the
 * content hash changed; a build that started earlier never replaces one that started later.
 */
@Component
public class SnapshotStore implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SnapshotStore.class);

    private final SnapshotBuilder builder;
    private final ReactiveStringRedisTemplate redis;
    private final RedisKeys keys;
    private final PlatformProperties platform;
    private final Clock clock;
    private final AtomicReference<Catalog> current = new AtomicReference<>();
    private final AtomicReference<Disposable> priceChangeTimer = new AtomicReference<>();
    private final Disposable.Composite running = Disposables.composite();
    private final Sinks.Many<Object> rebuildRequests = Sinks.many().unicast().onBackpressureBuffer();
    private final Mono<Catalog> first;
    private final Counter announceFailures;
    private volatile boolean started;

    SnapshotStore(SnapshotBuilder builder, SeedLoader seed, ReactiveStringRedisTemplate redis, RedisKeys keys,
                  PlatformProperties platform, MeterRegistry meters) {
        this.announceFailures = meters.counter("switchboard.catalog.announce.failures");
        this.builder = builder;
        this.redis = redis;
        this.keys = keys;
        this.platform = platform;
        this.clock = Clock.systemUTC();
        // A failed first load (database not up yet) is not cached: the next read tries again.
        this.first = Mono.defer(() -> seed.loadIfMissing().then(refresh()))
                .cache(catalog -> Duration.ofMillis(Long.MAX_VALUE), error -> Duration.ZERO,
                        () -> Duration.ZERO);
    }

    /** The catalog in force now. */
    public Mono<Catalog> current() {
        Catalog catalog = current.get();
        return catalog != null ? Mono.just(catalog) : first;
    }

    /** Rebuilds from the database; installs and announces the result when its version is new. */
    public Mono<Catalog> refresh() {
        return Mono.defer(() -> builder.build(clock.instant().truncatedTo(ChronoUnit.MICROS)))
                .flatMap(this::install);
    }

    private Mono<Catalog> install(Catalog built) {
        Catalog previous = current.getAndAccumulate(built, SnapshotStore::newer);
        if (newer(previous, built) != built) {
            return Mono.just(previous); // a build that started later already won
        }
        scheduleNextPriceChange(built.nextPriceChange());
        if (previous != null && previous.version().equals(built.version())) {
            return Mono.just(built);
        }
        log.info("catalog version {}: {} models, {} providers", built.version(),
                built.snapshot().models().size(), built.snapshot().providers().size());
        return announce(built).thenReturn(built);
    }

    private static Catalog newer(Catalog existing, Catalog candidate) {
        return existing == null || !candidate.builtAt().isBefore(existing.builtAt()) ? candidate : existing;
    }

    /**
     * Announcing fails open: consumers also poll the snapshot conditionally (ETag), so a Redis outage
     * delays propagation to their poll interval but must not fail the rebuild. Logged and counted in
     * {@code switchboard.catalog.announce.failures}.
     */
    private Mono<Void> announce(Catalog catalog) {
        return redis.convertAndSend(keys.catalogChanged(), catalog.version())
                .doOnError(e -> log.warn("could not announce catalog version {}: {}", catalog.version(), e.toString()))
                .doOnError(e -> announceFailures.increment())
                .onErrorResume(e -> Mono.empty())
                .then();
    }

    /**
     * Asks the rebuild loop for a rebuild the moment a future-dated price takes effect, so it is never
     * served late. The timer only emits a request: replacing it never cancels a rebuild in flight.
     */
    private void scheduleNextPriceChange(Instant next) {
        Disposable timer = null;
        if (next != null && started) {
            Duration wait = Duration.between(clock.instant(), next).plusMillis(1);
            timer = Mono.delay(wait.isNegative() ? Duration.ZERO : wait)
                    .subscribe(tick -> requestRebuild());
        }
        Disposable previous = priceChangeTimer.getAndSet(timer);
        if (previous != null) {
            previous.dispose();
        }
    }

    private void requestRebuild() {
        rebuildRequests.emitNext(Boolean.TRUE, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
    }

    /**
     * One loop performs every background rebuild, one at a time; requests that arrive while one runs
     * collapse into a single follow-up rebuild.
     */
    @Override
    public void start() {
        started = true;
        running.add(first.subscribe(c -> { }, e -> log.error("initial catalog load failed", e)));
        Flux<Object> triggers = Flux.merge(
                rebuildRequests.asFlux(),
                Flux.interval(platform.snapshotRefresh()),
                announcementsFromOtherInstances());
        running.add(triggers
                .onBackpressureLatest()
                .concatMap(trigger -> refresh().onErrorResume(this::logRefreshFailure), 1)
                .subscribe());
    }

    /**
     * Versions other instances announced. A lost Redis subscription is re-established with back-off;
     * meanwhile the periodic rebuild still picks changes up.
     */
    private Flux<String> announcementsFromOtherInstances() {
        return redis.listenToChannel(keys.catalogChanged())
                .map(message -> message.getMessage())
                .filter(version -> !version.equals(versionOrEmpty()))
                .doOnError(e -> log.warn("catalog change subscription lost, resubscribing: {}", e.toString()))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30)));
    }

    private String versionOrEmpty() {
        Catalog catalog = current.get();
        return catalog == null ? "" : catalog.version();
    }

    private Mono<Catalog> logRefreshFailure(Throwable e) {
        log.warn("catalog rebuild failed, keeping version {}: {}", versionOrEmpty(), e.toString());
        return Mono.empty();
    }

    @Override
    public void stop() {
        started = false;
        running.dispose();
        Disposable timer = priceChangeTimer.getAndSet(null);
        if (timer != null) {
            timer.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return started;
    }
}
