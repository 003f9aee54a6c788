package dev.switchboard.api.inference;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code :free} models through the chat endpoint: the allowance's 429, the {@code X-RateLimit-*}
 * headers on every answer to a free request (and on no other), and the balance rule.
 */
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
                .expectHeader().exists("X-RateLimit-Remaining") // the attempt was counted, and says so
                .expectBody().jsonPath("$.error.code").isEqualTo(402);
    }

    @Test
    void successiveFreeAnswersCountDownTheMinuteWindowInTheirHeaders() {
        Org org = org("free-pace", Map.of("name", "free"));
        RateLimit previous = null;
        for (int i = 0; i < 3; i++) {
            long before = System.currentTimeMillis();
            RateLimit now = RateLimit.of(chat(org, "test/free-model:free").expectStatus().isOk().returnResult(String.class)
                    .getResponseHeaders());
            assertThat(now.limit()).as("a new organisation has far more left today than this minute").isEqualTo(20);
            assertThat(now.resetMs()).isGreaterThan(before).isLessThanOrEqualTo(before + 60_000)
                    .matches(reset -> reset % 60_000 == 0, "the end of a UTC minute");
            if (previous != null && previous.resetMs() == now.resetMs()) {
                assertThat(now.remaining()).isEqualTo(previous.remaining() - 1);
            } else if (previous != null) {
                // the minute turned between two requests: a later window, started afresh
                assertThat(now.resetMs()).isGreaterThan(previous.resetMs());
                assertThat(now.remaining()).isEqualTo(19);
            }
            previous = now;
        }
        assertThat(previous.remaining()).isBetween(0L, 18L);
    }

    @Test
    void aStreamedFreeAnswerCarriesTheHeadersBeforeItsFirstEvent() {
        Org org = org("free-stream", Map.of("name", "free"));
        var result = web.post().uri("/api/v1/chat/completions").header("Authorization", "Bearer " + org.key())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("model", "test/free-model:free", "max_tokens", 2000, "stream", true,
                        "messages", List.of(Map.of("role", "user", "content", "hi"))))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                .returnResult(String.class);
        RateLimit limit = RateLimit.of(result.getResponseHeaders());
        assertThat(limit.limit()).isEqualTo(20);
        assertThat(limit.remaining()).isEqualTo(19);
        assertThat(limit.resetMs()).isGreaterThan(System.currentTimeMillis() - 1_000);
        assertThat(result.getResponseBody().collectList().block()).contains("[DONE]");
    }

    @Test
    void aPricedModelsAnswerCarriesNoRateLimitHeaders() {
        Org org = org("priced", Map.of("name", "priced"));
        chat(org, "test/alpha-model").expectStatus().isOk()
                .expectHeader().doesNotExist("X-RateLimit-Limit")
                .expectHeader().doesNotExist("X-RateLimit-Remaining")
                .expectHeader().doesNotExist("X-RateLimit-Reset");
    }

    /** The three {@code X-RateLimit-*} headers of an answer, all of which must be present. */
    private record RateLimit(long limit, long remaining, long resetMs) {

        static RateLimit of(HttpHeaders headers) {
            return new RateLimit(number(headers, "X-RateLimit-Limit"), number(headers, "X-RateLimit-Remaining"),
                    number(headers, "X-RateLimit-Reset"));
        }

        private static long number(HttpHeaders headers, String name) {
            assertThat(headers.getFirst(name)).as(name).isNotNull();
            return Long.parseLong(headers.getFirst(name));
        }
    }
}
