package dev.switchboard.api.security;

import reactor.core.publisher.Mono;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.csrf.CsrfException;
import org.springframework.web.server.ServerWebExchange;

import dev.switchboard.api.error.ApiErrorHandler;
import dev.switchboard.api.error.ApiException;
import dev.switchboard.api.identity.Caller;

/** Every 403, in the JSON error shape, saying what kind of credential the path needs. */
class JsonAccessDeniedHandler implements ServerAccessDeniedHandler {

    private final ApiErrorHandler errors;

    JsonAccessDeniedHandler(ApiErrorHandler errors) {
        this.errors = errors;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        if (denied instanceof CsrfException) {
            return write(exchange, "Missing or invalid CSRF token: send the XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header");
        }
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(SecurityContext::getAuthentication)
                .mapNotNull(Authentication::getPrincipal)
                .ofType(Caller.class)
                .map(caller -> message(exchange, caller.kind()))
                .defaultIfEmpty("Forbidden")
                .flatMap(message -> write(exchange, message));
    }

    private static String message(ServerWebExchange exchange, Caller.Kind kind) {
        if (AccessRules.INFERENCE.covers(exchange)) {
            return kind == Caller.Kind.MANAGEMENT_KEY
                    ? "Management keys cannot call inference endpoints; use an inference API key"
                    : "Inference endpoints need an API key or a signed-in session";
        }
        if (AccessRules.KEY_MANAGEMENT.covers(exchange)) {
            return "Only management keys can perform this operation";
        }
        if (AccessRules.ORGANIZATION.covers(exchange)) {
            return "This endpoint needs a signed-in session or a management key";
        }
        if (AccessRules.OPERATOR.covers(exchange)) {
            return "This endpoint needs the operator token";
        }
        if (AccessRules.SESSION_ACCOUNT.covers(exchange)) {
            return "This endpoint needs a signed-in session";
        }
        return "Forbidden";
    }

    private Mono<Void> write(ServerWebExchange exchange, String message) {
        return errors.write(exchange, ApiException.forbidden(message));
    }
}
