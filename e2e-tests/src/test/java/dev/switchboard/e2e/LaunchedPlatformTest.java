package dev.switchboard.e2e;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.switchboard.testing.stripe.FakeStripe;
import dev.switchboard.testing.stripe.StripeWebhookSigner;

/**
 * A test class that runs against the whole platform, launched once for the class with
 * {@code deploy/local/run --detach}, a recorded OpenAI upstream configured as provider
 * {@code openai}, and a fake Stripe API ({@link FakeStripe}) that billing-service calls, whose
 * webhooks {@link #stripeSigner} signs. Purchases as small as one cent are allowed, so a test can buy
 * exactly the credits it needs. Each class runs in its own JVM (see the module's POM), so it has its own database
 * and Redis prefix.
 */
abstract class LaunchedPlatformTest {

    static final String UPSTREAM_KEY = "sk-upstream-" + UUID.randomUUID();
    static final String STRIPE_WEBHOOK_SECRET = "whsec_e2e_" + UUID.randomUUID();
    static final StripeWebhookSigner stripeSigner = new StripeWebhookSigner(STRIPE_WEBHOOK_SECRET);
    static RecordedOpenAiUpstream upstream;
    static FakeStripe stripe;
    static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        upstream = new RecordedOpenAiUpstream(UPSTREAM_KEY);
        stripe = new FakeStripe();
        Map<String, String> env = new HashMap<>();
        env.put("SWITCHBOARD_PROVIDERS_OPENAI_BASEURL", upstream.baseUrl());
        env.put("SWITCHBOARD_PROVIDERS_OPENAI_APIKEY", UPSTREAM_KEY);
        env.put("SWITCHBOARD_STRIPE_APIBASE", stripe.url());
        env.put("SWITCHBOARD_STRIPE_SECRETKEY", "sk_test_e2e");
        env.put("SWITCHBOARD_STRIPE_WEBHOOKSECRET", STRIPE_WEBHOOK_SECRET);
        env.put("SWITCHBOARD_STRIPE_MINAMOUNTUSD", "0.01");
        platform = new Platform(env);
        platform.start();
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        if (platform != null) {
            platform.close();
        }
        if (upstream != null) {
            upstream.close();
        }
        if (stripe != null) {
            stripe.close();
        }
    }
}
