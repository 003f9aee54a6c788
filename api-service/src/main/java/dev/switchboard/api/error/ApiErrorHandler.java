package dev.switchboard.api.error;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Renders every error that reaches the web layer in OpenRouter's shape, never a stack trace.
 * Ordered before Spring Boot's default handler so that framework errors (404 for an unknown path,
 * 405, 415, unreadable JSON) get the same shape as our own {@link ApiException}s.
 */
@Component
@Order(-2)
public class ApiErrorHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    private final ObjectMapper json;

    public ApiErrorHandler(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(ex);
        }
        ApiException api = toApiException(ex, exchange);
        return write(exchange, api);
    }

    /**
     * Writes {@code api} in the shape the request's API speaks: Anthropic's on the {@code /messages}
     * paths, OpenRouter's everywhere else. Used by the security layer's entry points too.
     */
    public Mono<Void> write(ServerWebExchange exchange, ApiException api) {
        if (!AnthropicErrorBody.appliesTo(exchange.getRequest().getPath().pathWithinApplication().value())) {
            return write(exchange.getResponse(), api);
        }
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(AnthropicErrorBody.status(api));
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().addAll(api.headers());
        byte[] body = json.writeValueAsBytes(AnthropicErrorBody.of(api));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    /** Writes {@code api} as the response in OpenRouter's shape. */
    public Mono<Void> write(ServerHttpResponse response, ApiException api) {
        response.setStatusCode(api.status());
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().addAll(api.headers());
        byte[] body = json.writeValueAsBytes(ErrorBody.of(api.status().value(), api.getMessage(), api.metadata()));
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    private ApiException toApiException(Throwable ex, ServerWebExchange exchange) {
        if (ex instanceof ApiException api) {
            return api;
        }
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof DataBufferLimitException) {
                return new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "Request body is too large");
            }
        }
        if (ex instanceof ServerWebInputException input) {
            return ApiException.badRequest(inputMessage(input));
        }
        if (ex instanceof UnsupportedMediaTypeStatusException) {
            return ApiException.badRequest("Content-Type must be application/json");
        }
        if (ex instanceof MethodNotAllowedException m) {
            return new ApiException(HttpStatus.METHOD_NOT_ALLOWED, "Method " + m.getHttpMethod() + " is not allowed here");
        }
        if (ex instanceof ResponseStatusException rse) {
            HttpStatusCode code = rse.getStatusCode();
            HttpStatus status = HttpStatus.resolve(code.value());
            if (status == null) {
                status = HttpStatus.INTERNAL_SERVER_ERROR;
            }
            String message = status == HttpStatus.NOT_FOUND ? "Not found: " + exchange.getRequest().getPath()
                    : rse.getReason() != null ? rse.getReason() : status.getReasonPhrase();
            return new ApiException(status, message);
        }
        log.error("Unhandled error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
        return new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", Map.of());
    }

    private static String inputMessage(ServerWebInputException input) {
        Throwable cause = input.getMostSpecificCause();
        String reason = input.getReason();
        if (cause instanceof tools.jackson.core.JacksonException) {
            return "Malformed JSON in request body";
        }
        MethodParameter parameter = input.getMethodParameter();
        if (input.getCause() instanceof TypeMismatchException && parameter != null && parameter.getParameterName() != null) {
            // A query parameter that does not convert (?limit=ten): name it, as the hand-written checks do.
            Class<?> type = parameter.getParameterType();
            boolean integer = type == int.class || type == long.class || type == Integer.class || type == Long.class;
            return parameter.getParameterName() + (integer ? " must be an integer" : " is not a valid " + type.getSimpleName());
        }
        return reason != null ? reason : "Invalid request";
    }
}
