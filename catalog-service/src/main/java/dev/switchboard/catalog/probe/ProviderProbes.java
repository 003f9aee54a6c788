package dev.switchboard.catalog.probe;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

import dev.switchboard.catalog.platform.PlatformProperties;
import dev.switchboard.catalog.snapshot.SnapshotStore;
import dev.switchboard.contracts.catalog.ProviderInfo;

/**
 * Probes every provider that has a platform key, one round per {@code switchboard.probes.interval}.
 * After {@code failuresToMarkDown} failures in a row an active provider is marked {@code down} with a
 * reason starting {@code probe:}; the next success marks it active again. A provider the operator
 * switched (disabled, or down for another reason) is never touched, so a probe cannot undo an
 * operator's decision. Simulated providers are not probed.
 */
@Component
class ProviderProbes implements SmartLifecycle {

    static final String REASON_PREFIX = "probe: ";
    private static final Logger log = LoggerFactory.getLogger(ProviderProbes.class);

    private final ProbeProperties probes;
    private final PlatformProperties platform;
    private final SnapshotStore snapshots;
    private final DatabaseClient db;
    private final WebClient http;
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private volatile Disposable running;

    ProviderProbes(ProbeProperties probes, PlatformProperties platform, SnapshotStore snapshots, DatabaseClient db,
                   WebClient.Builder http) {
        this.probes = probes;
        this.platform = platform;
        this.snapshots = snapshots;
        this.db = db;
        this.http = http.build();
    }

    @Override
    public void start() {
        if (!probes.enabled()) {
            return;
        }
        log.info("active provider probes every {}", probes.interval());
        running = Flux.interval(probes.interval())
                .onBackpressureDrop()
                .concatMap(tick -> round(), 1)
                .subscribe();
    }

    /** One round: probe each keyed provider, apply the outcomes, rebuild the snapshot if one changed. */
    private Mono<Void> round() {
        return snapshots.current()
                .flatMapMany(catalog -> Flux.fromIterable(catalog.snapshot().providers()))
                .filter(p -> !p.simulated() && platform.provider(p.slug()).keyConfigured())
                .flatMap(p -> probe(p).flatMap(healthy -> record(p.slug(), healthy)))
                .reduce(false, Boolean::logicalOr)
                .flatMap(changed -> changed ? snapshots.refresh().then() : Mono.<Void>empty())
                .onErrorResume(e -> {
                    log.warn("provider probe round failed: {}", e.toString());
                    return Mono.empty();
                });
    }

    /** True when the provider answered 2xx within the timeout; the key goes as its API style expects. */
    private Mono<Boolean> probe(ProviderInfo provider) {
        String key = platform.provider(provider.slug()).apiKey();
        return http.get()
                .uri(provider.baseUrl() + probes.path())
                .headers(h -> authenticate(provider.apiStyle(), key, h))
                .retrieve()
                .toBodilessEntity()
                .map(response -> response.getStatusCode().is2xxSuccessful())
                .timeout(probes.timeout())
                .onErrorReturn(false);
    }

    private static void authenticate(String apiStyle, String key, HttpHeaders headers) {
        switch (apiStyle) {
            case "anthropic" -> {
                headers.set("x-api-key", key);
                headers.set("anthropic-version", "2023-06-01");
            }
            case "gemini" -> headers.set("x-goog-api-key", key);
            case "azure" -> headers.set("api-key", key);
            default -> headers.setBearerAuth(key);
        }
    }

    /** Counts the outcome; true when the provider's stored status changed. */
    private Mono<Boolean> record(String slug, boolean healthy) {
        if (healthy) {
            failures.remove(slug);
            return update("""
                    UPDATE provider SET status = 'active', status_reason = NULL, status_changed_at = :now
                    WHERE slug = :slug AND status = 'down' AND status_reason LIKE 'probe: %'
                    """, slug, null);
        }
        int failed = failures.merge(slug, 1, Integer::sum);
        if (failed < probes.failuresToMarkDown()) {
            return Mono.just(false);
        }
        return update("""
                UPDATE provider SET status = 'down', status_reason = :reason, status_changed_at = :now
                WHERE slug = :slug AND status = 'active'
                """, slug, REASON_PREFIX + failed + " failed probes in a row");
    }

    private Mono<Boolean> update(String sql, String slug, String reason) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql)
                .bind("slug", slug)
                .bind("now", Instant.now().atOffset(ZoneOffset.UTC));
        if (reason != null) {
            spec = spec.bind("reason", reason);
        }
        return spec.fetch()
                .rowsUpdated()
                .map(rows -> rows > 0)
                .doOnNext(changed -> {
                    if (changed) {
                        log.warn("provider {} is now {} ({})", slug, reason == null ? "active" : "down",
                                reason == null ? "probe succeeded" : reason);
                    }
                });
    }

    @Override
    public void stop() {
        Disposable r = running;
        if (r != null) {
            r.dispose();
        }
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
