package dev.switchboard.testing.stripe;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook payload exactly as Stripe does: {@code Stripe-Signature: t=<unix seconds>,v1=<hex
 * HMAC-SHA256(secret, t + "." + payload)>}. Written from Stripe's documented scheme rather than with
 * stripe-java, so tests check the service's verification against an independent implementation.
 */
public final class StripeWebhookSigner {

    private final String secret;

    /** @param secret the endpoint's signing secret, {@code whsec_…} (the service's {@code switchboard.stripe.webhook-secret}) */
    public StripeWebhookSigner(String secret) {
        this.secret = secret;
    }

    /** The header for {@code payload} signed now. */
    public String sign(String payload) {
        return sign(payload, Instant.now());
    }

    /** The header for {@code payload} signed at {@code at} (in the past, to test the tolerance). */
    public String sign(String payload, Instant at) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + hmac(secret, t + "." + payload);
    }

    static String hmac(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
