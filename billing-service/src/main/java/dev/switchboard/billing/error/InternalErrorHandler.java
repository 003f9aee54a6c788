package dev.switchboard.billing.error;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Renders every error that reaches the web layer as {@link ErrorBody} JSON, never a stack trace.
 * Ordered before Spring Boot's default handler so framework errors (unknown path, unreadable JSON,
 * 405, 415) get the same shape as {@link BillingException}s.
 */
@Component
@Order(-2)
public class InternalErrorHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(InternalErrorHandler.class);

    private final ObjectMapper json;

    public InternalErrorHandler(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(ex);
        }
        return write(response, toBillingError(ex, exchange));
    }

    /** Writes {@code status} and {@code message} as the response; the security entry point uses it too. */
    public Mono<Void> write(ServerHttpResponse response, HttpStatus status, String message) {
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        DataBuffer body = response.bufferFactory().wrap(json.writeValueAsBytes(ErrorBody.of(status.value(), message)));
        return response.writeWith(Mono.just(body));
    }

    private Mono<Void> write(ServerHttpResponse response, BillingException error) {
        return write(response, error.status(), error.getMessage());
    }

    private static BillingException toBillingError(Throwable ex, ServerWebExchange exchange) {
        if (ex instanceof BillingException billing) {
            return billing;
        }
        if (ex instanceof ServerWebInputException input) {
            return BillingException.badRequest(input.getMostSpecificCause() instanceof JacksonException
                    ? "Malformed JSON in request body"
                    : input.getReason() != null ? input.getReason() : "Invalid request");
        }
        if (ex instanceof ResponseStatusException rse && rse.getStatusCode().value() == 404) {
            return BillingException.notFound("Not found: " + exchange.getRequest().getPath());
        }
        if (ex instanceof ResponseStatusException rse && rse.getStatusCode().is4xxClientError()) {
            HttpStatus status = HttpStatus.resolve(rse.getStatusCode().value());
            String reason = rse.getReason() != null ? rse.getReason() : "Invalid request";
            return BillingException.of(status != null ? status : HttpStatus.BAD_REQUEST, reason);
        }
        if (ex instanceof DataAccessResourceFailureException || ex instanceof TransientDataAccessException) {
            // PostgreSQL or Redis is away: every endpoint is idempotent, so the caller may simply retry.
            log.warn("{} {} failed, a backing store is unavailable: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), ex.toString());
            return BillingException.unavailable("Billing storage is unavailable; retry later");
        }
        log.error("Unhandled error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
        return BillingException.internal("Internal error");
    }
}
