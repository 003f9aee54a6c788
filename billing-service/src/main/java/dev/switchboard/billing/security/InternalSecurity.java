package dev.switchboard.billing.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;

import dev.switchboard.billing.error.InternalErrorHandler;

/**
 * This service is reached only by the other Switchboard services, never by a browser or SDK: every
 * endpoint but health and metrics requires {@code Authorization: Bearer <internal token>}, the
 * shared secret {@code switchboard.internal-token} that the launcher generates per platform.
 */
@Configuration
class InternalSecurity {

    /**
     * Checks the presented bearer token in constant time. Being a bean, it also stops Spring Boot
     * from creating a default user with a generated password (and logging that password).
     */
    @Bean
    ReactiveAuthenticationManager internalTokenAuthentication(@Value("${switchboard.internal-token}") String token) {
        byte[] expected = token.getBytes(StandardCharsets.UTF_8);
        return auth -> {
            byte[] presented = String.valueOf(auth.getCredentials()).getBytes(StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(expected, presented)) {
                return Mono.error(new BadCredentialsException("bad internal token"));
            }
            return Mono.just(UsernamePasswordAuthenticationToken.authenticated(
                    "switchboard-service", null, List.of(new SimpleGrantedAuthority("ROLE_INTERNAL"))));
        };
    }

    @Bean
    SecurityWebFilterChain internalApi(ServerHttpSecurity http, ReactiveAuthenticationManager manager,
                                       InternalErrorHandler errors) {
        AuthenticationWebFilter bearer = new AuthenticationWebFilter(manager);
        bearer.setServerAuthenticationConverter(exchange -> Mono
                .justOrEmpty(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION))
                .filter(h -> h.startsWith("Bearer "))
                .map(h -> UsernamePasswordAuthenticationToken.unauthenticated("service", h.substring(7))));
        // Every response a caller sees is JSON, the 401 included.
        ServerAuthenticationEntryPoint unauthorized = (exchange, e) -> errors.write(
                exchange.getResponse(), HttpStatus.UNAUTHORIZED, "Missing or invalid internal token");
        bearer.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(unauthorized));
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .addFilterAt(bearer, SecurityWebFiltersOrder.AUTHENTICATION)
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized))
                .authorizeExchange(ex -> ex
                        .pathMatchers("/actuator/health/**", "/actuator/health", "/actuator/prometheus").permitAll()
                        .anyExchange().hasRole("INTERNAL"))
                .build();
    }
}
