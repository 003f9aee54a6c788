package dev.switchboard.api.inference;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code :free} models through the chat endpoint: the allowance's 429 and the balance rule. */
class FreeModelTests extends InferenceIntegrationTest {

    @Test
    void theTwentyFirstFreeRequestInAMinuteIs429WithRateLimitHeaders() {
        Org org = org("free-burst", Map.of("name", "free"));
        int served = 0;
        // the minute may turn during the burst; then the window restarts, so stop at the first refusal
        while (served < 41) {
            var result = chat(org, "test/free-model:free").returnResult(String.class);
            if (result.getStatus().value() == 429) {
                assertThat(result.getResponseHeaders().getFirst("X-RateLimit-Limit")).isEqualTo("20");
                assertThat(result.getResponseHeaders().getFirst("X-RateLimit-Remaining")).isEqualTo("0");
                assertThat(Long.parseLong(result.getResponseHeaders().getFirst("X-RateLimit-Reset")))
                        .isGreaterThan(System.currentTimeMillis() - 1_000);
                assertThat(Long.parseLong(result.getResponseHeaders().getFirst("Retry-After"))).isBetween(1L, 60L);
                assertThat(result.getResponseBody().blockFirst()).contains("\"code\":429");
                break;
            }
            assertThat(result.getStatus().value()).isEqualTo(200);
            served++;
        }
        assertThat(served % 20).isZero();
        assertThat(served).isPositive();
        // a priced model is not limited by the free allowance
        chat(org, "test/alpha-model").expectStatus().isOk();
    }

    @Test
    void aFreeModelNeedsAPositiveBalanceToo() {
        Org org = org("free-broke", Map.of("name", "free"));
        redis.opsForValue().set(prefix.keys().balance(org.id()), "0").block();
        chat(org, "test/free-model:free").expectStatus().isEqualTo(402)
                .expectBody().jsonPath("$.error.code").isEqualTo(402);
    }
}
