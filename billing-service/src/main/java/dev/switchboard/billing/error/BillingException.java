package dev.switchboard.billing.error;

import org.springframework.http.HttpStatus;

/** A failure a caller of the internal API should see with its status and a message that holds no secret. */
public final class BillingException extends RuntimeException {

    private final HttpStatus status;

    private BillingException(HttpStatus status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static BillingException of(HttpStatus status, String message) {
        return new BillingException(status, message);
    }

    public static BillingException badRequest(String message) {
        return new BillingException(HttpStatus.BAD_REQUEST, message);
    }

    public static BillingException notFound(String message) {
        return new BillingException(HttpStatus.NOT_FOUND, message);
    }

    public static BillingException conflict(String message) {
        return new BillingException(HttpStatus.CONFLICT, message);
    }

    public static BillingException internal(String message) {
        return new BillingException(HttpStatus.INTERNAL_SERVER_ERROR, message);
    }

    public static BillingException unavailable(String message) {
        return new BillingException(HttpStatus.SERVICE_UNAVAILABLE, message);
    }

    public HttpStatus status() {
        return status;
    }
}
