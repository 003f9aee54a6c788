package dev.switchboard.api.error;

import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A failure the client is told about, in OpenRouter's error shape
 * {@code {"error":{"code":N,"message":"…","metadata":{…}}}}. Thrown (or emitted as a Mono error)
 * anywhere in the api-service; {@link ApiErrorHandler} renders it once, at the boundary.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final Map<String, Object> metadata;
    private final HttpHeaders headers;

    public ApiException(HttpStatus status, String message) {
        this(status, message, Map.of(), HttpHeaders.EMPTY);
    }

    public ApiException(HttpStatus status, String message, Map<String, Object> metadata) {
        this(status, message, metadata, HttpHeaders.EMPTY);
    }

    public ApiException(HttpStatus status, String message, Map<String, Object> metadata, HttpHeaders headers) {
        super(message, null, false, false);
        this.status = status;
        this.metadata = Map.copyOf(metadata);
        this.headers = headers;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(HttpStatus.UNAUTHORIZED, message);
    }

    public static ApiException paymentRequired(String message) {
        return new ApiException(HttpStatus.PAYMENT_REQUIRED, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(HttpStatus.FORBIDDEN, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, message);
    }

    public HttpStatus status() {
        return status;
    }

    public Map<String, Object> metadata() {
        return metadata;
    }

    public HttpHeaders headers() {
        return headers;
    }
}
