package dev.switchboard.catalog;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.switchboard.contracts.catalog.CatalogSnapshot;
import dev.switchboard.testing.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demo mode off. The JVM shares one database between test classes, so the simulated provider may
 * already be stored by a demo-mode context: it must still be absent.
 */
@SpringBootTest(properties = {"switchboard.internal-token=test-token", "switchboard.demo=false"})
@AutoConfigureWebTestClient(timeout = "30s")
class DemoOffTests {

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry r) {
        TestInfrastructure.register(r);
    }

    @Autowired
    WebTestClient web;

    @Test
    void simulatedProviderAndModelsAreAbsentWhenDemoIsOff() {
        CatalogSnapshot snapshot = web.mutate()
                .codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build()
                .get().uri("/internal/catalog/snapshot")
                .header("Authorization", "Bearer test-token")
                .exchange()
                .expectStatus().isOk()
                .expectBody(CatalogSnapshot.class).returnResult().getResponseBody();

        assertThat(snapshot.providers()).noneMatch(p -> p.slug().equals("sim") || p.simulated());
        assertThat(snapshot.models()).noneMatch(m -> m.id().startsWith("sim/"));
        assertThat(snapshot.models()).hasSizeGreaterThanOrEqualTo(300);
        web.get().uri("/api/v1/models/sim/lynx-mini/endpoints")
                .header("Authorization", "Bearer test-token")
                .exchange()
                .expectStatus().isNotFound();
    }
}
