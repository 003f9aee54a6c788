package dev.switchboard.e2e;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A test class that runs against the whole platform, launched once for the class with
 * {@code deploy/local/run --detach}, and a recorded OpenAI upstream configured as provider
 * {@code openai}. Each class runs in its own JVM (see the module's POM), so it has its own database
 * and Redis prefix.
 */
abstract class LaunchedPlatformTest {

    static final String UPSTREAM_KEY = "sk-upstream-" + UUID.randomUUID();
    static RecordedOpenAiUpstream upstream;
    static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        upstream = new RecordedOpenAiUpstream(UPSTREAM_KEY);
        platform = new Platform(Map.of(
                "SWITCHBOARD_PROVIDERS_OPENAI_BASEURL", upstream.baseUrl(),
                "SWITCHBOARD_PROVIDERS_OPENAI_APIKEY", UPSTREAM_KEY));
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
    }
}
