package dev.switchboard.api.error;

import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * Anthropic's error shape, {@code {"type":"error","error":{"type":"invalid_request_error","message":"…"}}},
 * for the Anthropic-compatible {@code /messages} API: the Anthropic SDK and Claude Code read the
 * status and the error type, and retry on 429, 529 and 5xx.
 */
public record AnthropicErrorBody(String type, Detail error) {

    private static final Set<String> PATHS = Set.of("/api/v1/messages", "/v1/messages", "/api/v1/messages/count_tokens",
            "/v1/messages/count_tokens");

    public record Detail(String type, String message) {
    }

    /** True for the paths whose clients expect this shape. */
    public static boolean appliesTo(String path) {
        return PATHS.contains(path);
    }

    public static AnthropicErrorBody of(ApiException error) {
        return new AnthropicErrorBody("error", new Detail(errorType(status(error)), error.getMessage()));
    }

    /**
     * The status an Anthropic client expects: OpenRouter's 503 "no endpoint available" is
     * Anthropic's 529 overloaded (retried by its SDK), a 408 upstream timeout its 504; the rest
     * keep their status.
     */
    public static HttpStatusCode status(ApiException error) {
        return switch (error.status()) {
            case SERVICE_UNAVAILABLE -> HttpStatusCode.valueOf(529);
            case REQUEST_TIMEOUT -> HttpStatus.GATEWAY_TIMEOUT;
            default -> error.status();
        };
    }

    /** Anthropic's error {@code type} for a status. */
    public static String errorType(HttpStatusCode status) {
        return switch (status.value()) {
            case 400, 405, 415, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 504 -> "timeout_error";
            case 529 -> "overloaded_error";
            default -> "api_error";
        };
    }
}
