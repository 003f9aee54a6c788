package dev.switchboard.api.provider;

import java.time.Duration;

import org.springframework.http.HttpStatus;

/**
 * Every way an upstream call can fail, decided once at the adapter boundary. Each case knows the
 * status the client sees (OpenRouter's codes) and whether another endpoint may be tried.
 */
public sealed interface ProviderError {

    String provider();

    String message();

    /** The status the client gets when this is the final outcome. */
    HttpStatus clientStatus();

    /** True when trying another endpoint before the first byte could succeed. */
    boolean retryable();

    /** The upstream refused the request itself (4xx other than auth and rate limits). */
    record InvalidRequest(String provider, int upstreamStatus, String message) implements ProviderError {
        public HttpStatus clientStatus() {
            return HttpStatus.BAD_REQUEST;
        }

        public boolean retryable() {
            return false;
        }
    }

    /** The platform's (or BYOK) credentials were refused; for a platform key this is our problem: 502. */
    record AuthenticationFailed(String provider, int upstreamStatus, String message) implements ProviderError {
        public HttpStatus clientStatus() {
            return HttpStatus.BAD_GATEWAY;
        }

        public boolean retryable() {
            return true;
        }
    }

    record RateLimited(String provider, String message, Duration retryAfter) implements ProviderError {
        public HttpStatus clientStatus() {
            return HttpStatus.TOO_MANY_REQUESTS;
        }

        public boolean retryable() {
            return true;
        }
    }

    record TimedOut(String provider, String message) implements ProviderError {
        public HttpStatus clientStatus() {
            return HttpStatus.REQUEST_TIMEOUT;
        }

        public boolean retryable() {
            return true;
        }
    }

    /** 5xx, 402 from the upstream, a refused connection or a broken stream. */
    record Unavailable(String provider, int upstreamStatus, String message) implements ProviderError {
        public HttpStatus clientStatus() {
            return HttpStatus.BAD_GATEWAY;
        }

        public boolean retryable() {
            return true;
        }
    }
}
