package dev.switchboard.billing.stripe;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import dev.switchboard.billing.error.BillingException;

import static org.assertj.core.api.Assertions.assertThat;

class PaymentsNotConfiguredTest {

    private static final StripeProperties WITHOUT_KEYS = new StripeProperties(null, null,
            URI.create("https://api.stripe.com"), new BigDecimal("5.5"), new BigDecimal("0.80"), BigDecimal.ONE,
            BigDecimal.TEN, "http://ok", "http://cancel", Duration.ofMinutes(5));

    @Test
    void checkoutWithoutASecretKeyIs503PaymentsAreNotConfiguredBeforeTouchingAnything() {
        Checkout checkout = new Checkout(WITHOUT_KEYS, new StripeGateway(WITHOUT_KEYS), null, null, null);

        StepVerifier.create(checkout.start(UUID.randomUUID(), 5_000_000_000L))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(BillingException.class).hasMessage("payments are not configured");
                    assertThat(((BillingException) e).status().value()).isEqualTo(503);
                })
                .verify();
    }

    @Test
    void webhooksWithoutASigningSecretAre503() {
        StripeWebhooks webhooks = new StripeWebhooks(WITHOUT_KEYS, null, null, null, null, null, null);

        StepVerifier.create(webhooks.receive("{}", "t=1,v1=00"))
                .expectErrorSatisfies(e -> assertThat(((BillingException) e).status().value()).isEqualTo(503))
                .verify();
    }

    @Test
    void propertiesNeverPrintTheSecrets() {
        StripeProperties configured = new StripeProperties("sk_live_secret", "whsec_secret",
                URI.create("https://api.stripe.com"), BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.TEN,
                "a", "b", Duration.ofMinutes(5));

        assertThat(configured.toString()).doesNotContain("sk_live_secret").doesNotContain("whsec_secret");
    }
}
