package dev.switchboard.catalog.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;

/**
 * This service is reached only by the other Switchboard services, never by a browser or SDK: every
 * endpoint but health and metrics requires {@code Authorization: Bearer <internal token>}, the
 * shared secret {@code switchboard.internal-token} that the launcher generates per platform.
 */
@Configuration
class InternalSecurity {

    private static final String UNAUTHORIZED_BODY =
            "{\"error\":{\"code\":401,\"message\":\"missing or invalid internal token\"}}";

    @Bean
    SecurityWebFilterChain internalApi(ServerHttpSecurity http,
                                       @Value("${switchboard.internal-token}") String token) {
        byte[] expected = token.getBytes(StandardCharsets.UTF_8);
        ReactiveAuthenticationManager manager = auth -> {
            byte[] presented = String.valueOf(auth.getCredentials()).getBytes(StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(expected, presented)) {
                return Mono.error(new BadCredentialsException("bad internal token"));
            }
            return Mono.just(UsernamePasswordAuthenticationToken.authenticated(
                    "switchboard-service", null, List.of(new SimpleGrantedAuthority("ROLE_INTERNAL"))));
        };
        AuthenticationWebFilter bearer = new AuthenticationWebFilter(manager);
        bearer.setServerAuthenticationConverter(exchange -> Mono
                .justOrEmpty(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION))
                .filter(h -> h.startsWith("Bearer "))
                .map(h -> UsernamePasswordAuthenticationToken.unauthenticated("service", h.substring(7))));
        ServerAuthenticationEntryPoint unauthorized = InternalSecurity::unauthorized;
        bearer.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(unauthorized));
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(org.springframework.security.web.server.context.NoOpServerSecurityContextRepository.getInstance())
                .addFilterAt(bearer, SecurityWebFiltersOrder.AUTHENTICATION)
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized))
                .authorizeExchange(ex -> ex
                        .pathMatchers("/actuator/health/**", "/actuator/health", "/actuator/prometheus").permitAll()
                        .anyExchange().hasRole("INTERNAL"))
                .build();
    }

    /** A 401 in the platform's JSON error shape, so nothing a client could see is bare text. */
    private static Mono<Void> unauthorized(ServerWebExchange exchange, AuthenticationException e) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.UNAUTHORIZED);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        byte[] body = UNAUTHORIZED_BODY.getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
