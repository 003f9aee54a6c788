package dev.switchboard.api.security;

import reactor.core.publisher.Mono;

import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;

import dev.switchboard.api.error.ApiErrorHandler;
import dev.switchboard.api.error.ApiException;

/**
 * Every 401: no credentials ({@code "No auth credentials found"}) or rejected ones (the rejection's
 * own message: {@code "Invalid API key"}, {@code "API key is disabled"}, …), always in the JSON error
 * shape and never with a {@code WWW-Authenticate: Basic} prompt or a login page.
 */
class JsonAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

    private final ApiErrorHandler errors;

    JsonAuthenticationEntryPoint(ApiErrorHandler errors) {
        this.errors = errors;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        String message = ex instanceof AuthenticationCredentialsNotFoundException || ex.getMessage() == null
                ? "No auth credentials found"
                : ex.getMessage();
        return errors.write(exchange, ApiException.unauthorized(message));
    }
}
