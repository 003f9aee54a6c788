package dev.switchboard.api.catalog;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

import dev.switchboard.api.platform.PlatformProperties;
import dev.switchboard.api.platform.RedisPrefix;
import dev.switchboard.contracts.catalog.CatalogSnapshot;

/**
 * Keeps the current {@link CatalogView}: a conditional GET of catalog-service's snapshot on a fixed
 * interval and whenever the catalog announces a new version over Redis. A request in flight keeps
 * the view it started with; the swap is a single reference write.
 *
 * <p>Until the first snapshot has arrived the service reports itself not ready (health "catalog"),
 * so the launcher and a load balancer hold traffic back rather than answering 404 for every model.
 */
@Component
public class CatalogSync implements SmartLifecycle, ReactiveHealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(CatalogSync.class);

    private final AtomicReference<CatalogView> current = new AtomicReference<>(CatalogView.EMPTY);
    private final WebClient http;
    private final CatalogProperties properties;
    private final ReactiveStringRedisTemplate redis;
    private final String changedChannel;
    private final Disposable.Composite running = Disposables.composite();
    private volatile boolean started;

    public CatalogSync(WebClient.Builder builder, PlatformProperties platform, CatalogProperties properties,
                       ReactiveStringRedisTemplate redis, RedisPrefix prefix) {
        this.http = builder.clone()
                .baseUrl(platform.catalogUrl().toString())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + platform.internalToken())
                .codecs(c -> c.defaultCodecs().maxInMemorySize(64 * 1024 * 1024))
                .build();
        this.properties = properties;
        this.redis = redis;
        this.changedChannel = prefix.keys().catalogChanged();
    }

    /** The catalog to route and price by; never null, empty before the first snapshot. */
    public CatalogView view() {
        return current.get();
    }

    /** Fetches the snapshot if it changed; completes when the view is current. */
    public Mono<CatalogView> refresh() {
        CatalogView known = current.get();
        return http.get().uri("/internal/catalog/snapshot")
                .headers(h -> {
                    if (known != CatalogView.EMPTY) {
                        h.setIfNoneMatch("\"" + known.version() + "\"");
                    }
                })
                .exchangeToMono(response -> response.statusCode() == HttpStatus.NOT_MODIFIED
                        ? response.releaseBody().thenReturn(known)
                        : response.bodyToMono(CatalogSnapshot.class).map(this::install));
    }

    private CatalogView install(CatalogSnapshot snapshot) {
        CatalogView view = CatalogView.of(snapshot);
        current.set(view);
        log.info("Catalog snapshot {} installed: {} models", view.version(), view.size());
        return view;
    }

    @Override
    public void start() {
        started = true;
        Flux<Object> ticks = Flux.merge(
                Flux.interval(Duration.ZERO, properties.refreshInterval()),
                redis.listenToChannel(changedChannel).onErrorResume(e -> Flux.never()));
        running.add(ticks
                .onBackpressureDrop()
                .concatMap(tick -> refresh()
                        .doOnError(e -> log.warn("Catalog refresh failed, keeping version {}: {}",
                                current.get().version(), e.toString()))
                        .onErrorResume(e -> Mono.empty()), 1)
                .retryWhen(Retry.indefinitely())
                .subscribe());
    }

    @Override
    public void stop() {
        running.dispose();
        started = false;
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    @Override
    public Mono<Health> health() {
        CatalogView view = current.get();
        return Mono.just(view == CatalogView.EMPTY
                ? Health.outOfService().withDetail("catalog", "no snapshot yet").build()
                : Health.up().withDetail("version", view.version()).withDetail("models", view.size()).build());
    }
}
