package dev.switchboard.api.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.ReactiveSessionRepositoryCustomizer;
import org.springframework.session.data.redis.ReactiveRedisSessionRepository;
import org.springframework.session.data.redis.config.annotation.web.server.EnableRedisWebSession;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.WebSessionIdResolver;

/**
 * Browser sessions live in Redis (Spring Session), so any api-service instance serves any session.
 * Keys are {@code <switchboard.redis.prefix>session:sessions:<id>}, under the platform's prefix like
 * every other key. The cookie is {@code SESSION}, HttpOnly (scripts never see it), SameSite=Lax
 * (not sent on cross-site sub-requests or POSTs; CSRF tokens cover the rest).
 */
@Configuration
@EnableRedisWebSession
class WebSessionConfig {

    static final String SESSION_COOKIE = "SESSION";

    @Bean
    ReactiveSessionRepositoryCustomizer<ReactiveRedisSessionRepository> sessionRepositoryCustomizer(
            @Value("${switchboard.redis.prefix}") String redisPrefix, WebSessionProperties properties) {
        return repository -> {
            repository.setRedisKeyNamespace(redisPrefix + "session");
            repository.setDefaultMaxInactiveInterval(properties.idleTimeout());
        };
    }

    @Bean
    WebSessionIdResolver webSessionIdResolver(WebSessionProperties properties) {
        CookieWebSessionIdResolver resolver = new CookieWebSessionIdResolver();
        resolver.setCookieName(SESSION_COOKIE);
        resolver.addCookieInitializer(cookie -> cookie
                .path("/")
                .httpOnly(true)
                .sameSite("Lax")
                .secure(properties.secureCookies()));
        return resolver;
    }
}
