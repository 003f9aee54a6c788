package dev.switchboard.api.billing;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.handler.codec.http.QueryStringDecoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.web.reactive.function.client.WebClient;

import dev.switchboard.api.paging.KeysetCursor;
import dev.switchboard.api.platform.PlatformProperties;

import static org.assertj.core.api.Assertions.assertThat;

/** What billing-service receives from the client, whatever the values it carries. */
class BillingClientTest {

    private final AtomicReference<String> receivedUri = new AtomicReference<>();
    private final DisposableServer billing = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .handle((request, response) -> {
                receivedUri.set(request.uri());
                return response.header("Content-Type", "application/json").sendString(Mono.just("[]")).then();
            })
            .bindNow();

    @AfterEach
    void stop() {
        billing.disposeNow();
    }

    @Test
    void aCursorIdIsSentAsOneEncodedValueNeverAsTemplateTextOrExtraParameters() {
        UUID orgId = UUID.randomUUID();
        Instant createdAt = Instant.parse("2026-11-23T08:00:00Z");
        BillingClient client = new BillingClient(WebClient.builder(), new PlatformProperties("internal", "admin",
                URI.create("http://127.0.0.1:1"), URI.create("http://127.0.0.1:" + billing.port()), Duration.ofSeconds(5)));

        assertThat(client.purchases(orgId, 10, new KeysetCursor(createdAt, "pi_{orgId}&limit=1000")).block()).isEmpty();

        QueryStringDecoder received = new QueryStringDecoder(receivedUri.get());
        assertThat(received.path()).isEqualTo("/internal/orgs/" + orgId + "/purchases");
        assertThat(received.parameters()).isEqualTo(Map.of("limit", List.of("10"),
                "beforeCreatedAt", List.of(createdAt.toString()), "beforeId", List.of("pi_{orgId}&limit=1000")));
    }
}
