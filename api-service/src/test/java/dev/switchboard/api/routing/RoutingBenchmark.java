package dev.switchboard.api.routing;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.switchboard.api.catalog.CatalogView;

/**
 * The routing decision for one model with 20 endpoints, as the hot path makes it: filters, the
 * price-weighted draw with its explanations, health lookups (some endpoints carry recent
 * figures), and with a full set of provider preferences. Sample mode, so JMH reports p99.
 * Run with {@code bench/routing}; {@code ./mvnw verify} compiles it and never runs it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RoutingBenchmark {

    private RoutePlanner planner;
    private RoutingRequest plain;
    private RoutingRequest preferences;

    @Setup
    public void setUp() {
        TestCatalog catalog = new TestCatalog().model("acme/chat");
        for (int i = 0; i < 20; i++) {
            catalog.provider("p" + i, i % 5 == 0, i % 3 == 0, null)
                    .endpoint("acme/chat", "ep-" + i, "p" + i, "0.00000" + (1 + i % 9), "0.0000" + (1 + i % 7));
        }
        CatalogView view = catalog.view();
        EndpointHealth health = new EndpointHealth(RoutingProperties.DEFAULTS);
        for (int i = 0; i < 20; i += 2) {
            health.observe(new dev.switchboard.contracts.catalog.AttemptOutcome("ep-" + i, java.time.Instant.now(), 200,
                    100L + i * 10, 2_000, 300));
        }
        // As PlatformConnections serves them: resolved once per endpoint of a snapshot, then looked up.
        java.util.Map<String, java.util.List<Candidate>> connected = new java.util.HashMap<>();
        view.model("acme/chat").orElseThrow().endpoints()
                .forEach(e -> connected.put(e.id(), RoutePlannerTest.PLATFORM.connect(e, RoutePlannerTest.ORG)));
        CandidateConnections connections = (endpoint, org) -> connected.get(endpoint.id());
        planner = new RoutePlanner(() -> view, connections, health, new SplittableRandom(1));
        plain = RoutePlannerTest.request(RoutePlannerTest.chat(",\"max_tokens\":500,\"temperature\":0.3"));
        preferences = RoutePlannerTest.request(RoutePlannerTest.chat(",\"max_tokens\":500,\"provider\":{"
                + "\"ignore\":[\"p3\"],\"data_collection\":\"deny\",\"max_price\":{\"prompt\":8,\"completion\":60},"
                + "\"quantizations\":[\"unknown\"],\"preferred_min_throughput\":100,\"require_parameters\":true}"));
    }

    @Benchmark
    public Route priceWeightedDefault() {
        return planner.plan(plain, null);
    }

    @Benchmark
    public Route withProviderPreferences() {
        return planner.plan(preferences, "ep-4");
    }
}
