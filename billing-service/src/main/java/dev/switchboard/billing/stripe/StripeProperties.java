package dev.switchboard.billing.stripe;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.stripe.*}. Without {@code secret-key} purchases answer 503 "payments are not
 * configured"; without {@code webhook-secret} every webhook is refused.
 *
 * @param apiBase                where stripe-java sends its calls; a local fake in tests
 * @param purchaseFeePercent     the fee on top of the credits bought, in percent of the amount
 * @param purchaseFeeMinimumUsd  the smallest fee charged on one purchase
 * @param webhookTolerance       how old a signed webhook may be before it is refused as a replay
 */
@ConfigurationProperties("switchboard.stripe")
public record StripeProperties(
        String secretKey,
        String webhookSecret,
        @DefaultValue("https://api.stripe.com") URI apiBase,
        @DefaultValue("5.5") BigDecimal purchaseFeePercent,
        @DefaultValue("0.80") BigDecimal purchaseFeeMinimumUsd,
        @DefaultValue("5") BigDecimal minAmountUsd,
        @DefaultValue("10000") BigDecimal maxAmountUsd,
        @DefaultValue("http://127.0.0.1:8080/#/credits?purchase=success") String successUrl,
        @DefaultValue("http://127.0.0.1:8080/#/credits?purchase=cancelled") String cancelUrl,
        @DefaultValue("300s") Duration webhookTolerance) {

    boolean paymentsConfigured() {
        return secretKey != null && !secretKey.isBlank();
    }

    boolean webhooksConfigured() {
        return webhookSecret != null && !webhookSecret.isBlank();
    }

    /** Never print the secrets. */
    @Override
    public String toString() {
        return "StripeProperties[apiBase=" + apiBase + ", secretKey=" + (paymentsConfigured() ? "set" : "unset")
                + ", webhookSecret=" + (webhooksConfigured() ? "set" : "unset") + "]";
    }
}
