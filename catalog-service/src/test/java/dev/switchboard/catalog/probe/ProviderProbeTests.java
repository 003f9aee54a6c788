package dev.switchboard.catalog.probe;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.switchboard.contracts.catalog.CatalogSnapshot;
import dev.switchboard.contracts.catalog.ProviderInfo;
import dev.switchboard.testing.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Probes against a local stand-in for Mistral's API whose answer the test chooses. Mistral is the
 * only provider with a platform key in this context, so it is the only one probed. The stand-in
 * lives as long as the JVM and ends the test healthy: Spring keeps this context (and its probes)
 * running while later test classes use the same database.
 */
@SpringBootTest(properties = {
        "switchboard.internal-token=test-token",
        "switchboard.probes.enabled=true",
        "switchboard.probes.interval=200ms",
        "switchboard.probes.timeout=2s",
        "switchboard.probes.failures-to-mark-down=2",
        "switchboard.providers.mistral.api-key=probe-key"})
@AutoConfigureWebTestClient(timeout = "30s")
class ProviderProbeTests {

    private static final AtomicInteger answer = new AtomicInteger(500);
    private static final List<String> received = new CopyOnWriteArrayList<>();
    private static final DisposableServer mistral = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .route(routes -> routes.get("/v1/models", (request, response) -> {
                received.add(request.requestHeaders().get("Authorization"));
                return response.status(answer.get()).sendString(Mono.just("{\"data\":[]}"));
            }))
            .bindNow();

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry r) {
        TestInfrastructure.register(r);
        r.add("switchboard.providers.mistral.base-url", () -> "http://127.0.0.1:" + mistral.port() + "/v1");
    }

    @Autowired
    WebTestClient web;
    @Autowired
    DatabaseClient db;

    private WebTestClient internal() {
        return web.mutate()
                .codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .defaultHeader("Authorization", "Bearer test-token")
                .build();
    }

    private String mistralStatus() {
        CatalogSnapshot snapshot = internal().get().uri("/internal/catalog/snapshot").exchange()
                .expectStatus().isOk()
                .expectBody(CatalogSnapshot.class).returnResult().getResponseBody();
        return snapshot.providers().stream().filter(p -> p.slug().equals("mistral")).findFirst()
                .map(ProviderInfo::status).orElseThrow();
    }

    @Test
    void failingProbesMarkTheProviderDownASuccessBringsItBackAndAnOperatorSwitchIsLeftAlone() {
        await().atMost(Duration.ofSeconds(20)).until(() -> mistralStatus().equals("down"));
        assertThat(received).contains("Bearer probe-key");
        assertThat(db.sql("SELECT status_reason FROM provider WHERE slug = 'mistral'")
                .map(row -> row.get(0, String.class)).one().block(Duration.ofSeconds(5))).startsWith("probe: ");

        answer.set(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> mistralStatus().equals("active"));

        internal().put().uri("/internal/catalog/providers/mistral/status")
                .bodyValue(Map.of("status", "disabled", "reason", "operator"))
                .exchange()
                .expectStatus().isOk();
        int probesBefore = received.size();
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= probesBefore + 3);
        assertThat(mistralStatus()).isEqualTo("disabled");

        internal().put().uri("/internal/catalog/providers/mistral/status")
                .bodyValue(Map.of("status", "active"))
                .exchange()
                .expectStatus().isOk();
    }
}
