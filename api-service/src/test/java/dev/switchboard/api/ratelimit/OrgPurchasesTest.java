package dev.switchboard.api.ratelimit;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

import org.springframework.web.reactive.function.client.WebClient;

import dev.switchboard.api.billing.BillingClient;
import dev.switchboard.api.platform.PlatformProperties;

/** A stalled billing-service costs a {@code :free} request one internal timeout, never a hang. */
class OrgPurchasesTest {

    private static final Duration INTERNAL_TIMEOUT = Duration.ofMillis(300);

    /** billing-service that accepts the request and never answers. */
    private final DisposableServer stalledBilling = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .handle((request, response) -> Mono.never())
            .bindNow();

    @AfterEach
    void stop() {
        stalledBilling.disposeNow();
    }

    @Test
    void aStalledBillingServiceYieldsTheSmallerAllowanceWithinTheInternalTimeout() {
        PlatformProperties platform = new PlatformProperties("internal", "admin", URI.create("http://127.0.0.1:1"),
                URI.create("http://127.0.0.1:" + stalledBilling.port()), INTERNAL_TIMEOUT);
        OrgPurchases purchases = new OrgPurchases(new BillingClient(WebClient.builder(), platform),
                new FreeModelProperties(20, 50, 1000, BigDecimal.TEN, Duration.ofSeconds(60)), new SimpleMeterRegistry());

        StepVerifier.create(purchases.purchasedNanos(UUID.randomUUID()))
                .expectNext(0L)
                .expectComplete()
                .verify(INTERNAL_TIMEOUT.multipliedBy(10));
    }
}
