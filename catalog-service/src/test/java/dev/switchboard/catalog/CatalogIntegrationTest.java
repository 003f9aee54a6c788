package dev.switchboard.catalog;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.switchboard.testing.TestInfrastructure;

/**
 * catalog-service against this JVM's PostgreSQL database and Redis prefix. Every subclass shares one
 * application context (and so one database): tests that change the catalog work on models of their
 * own or put back what they switch.
 */
@SpringBootTest(properties = {
        "switchboard.internal-token=test-token",
        "switchboard.providers.openai.api-key=sk-test-not-real",
        "switchboard.providers.groq.base-url=http://127.0.0.1:9/groq/v1"})
@AutoConfigureWebTestClient(timeout = "30s")
public abstract class CatalogIntegrationTest {

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry r) {
        TestInfrastructure.register(r);
    }

    @Autowired
    protected WebTestClient web;
    @Autowired
    protected DatabaseClient db;

    /** A client of the internal API: the internal token, and room for the whole catalog. */
    protected WebTestClient internal() {
        return web.mutate()
                .codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .defaultHeader("Authorization", "Bearer test-token")
                .build();
    }
}
