package dev.switchboard.api.security;

import java.util.Locale;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

/**
 * Reads {@code Authorization: Bearer <token>} (scheme in any case) or, when there is none,
 * Anthropic's {@code x-api-key: <token>}, so the Anthropic SDK and Claude Code authenticate with a
 * platform key unchanged. Neither header means no attempt.
 */
class BearerTokenConverter implements ServerAuthenticationConverter {

    private static final String SCHEME = "bearer ";
    static final String ANTHROPIC_KEY_HEADER = "x-api-key";

    /** True when the request carries a key in a header, which a browser never adds on its own. */
    static boolean hasBearer(ServerWebExchange exchange) {
        return bearer(exchange) != null || anthropicKey(exchange) != null;
    }

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        String token = bearer(exchange);
        if (token == null) {
            token = anthropicKey(exchange);
        }
        return token == null ? Mono.empty()
                : Mono.just(UsernamePasswordAuthenticationToken.unauthenticated("bearer", token));
    }

    private static String bearer(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() < SCHEME.length()
                || !header.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return null;
        }
        return header.substring(SCHEME.length()).strip();
    }

    private static String anthropicKey(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(ANTHROPIC_KEY_HEADER);
        return header == null || header.isBlank() ? null : header.strip();
    }
}
