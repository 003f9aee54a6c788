package dev.switchboard.api.security;

import java.util.Locale;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

/** Reads {@code Authorization: Bearer <token>} (scheme in any case); no such header means no attempt. */
class BearerTokenConverter implements ServerAuthenticationConverter {

    private static final String SCHEME = "bearer ";

    static boolean hasBearer(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        return header != null && header.length() >= SCHEME.length()
                && header.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME);
    }

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        if (!hasBearer(exchange)) {
            return Mono.empty();
        }
        String token = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION).substring(SCHEME.length()).strip();
        return Mono.just(UsernamePasswordAuthenticationToken.unauthenticated("bearer", token));
    }
}
