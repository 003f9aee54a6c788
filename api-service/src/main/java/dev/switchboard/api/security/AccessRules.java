package dev.switchboard.api.security;

import java.util.Arrays;
import java.util.List;

import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which callers may reach which paths: the single list that both the filter chain's rules
 * ({@link ApiSecurity}) and the 403 messages ({@link JsonAccessDeniedHandler}) read.
 */
enum AccessRules {

    /** Anyone: the catalog, sign-up and login, the web UI, health, and Stripe's webhooks (signature-checked). */
    PUBLIC(new String[] {},
            "/api/v1/models", "/api/v1/models/**", "/api/v1/providers",
            "/auth/signup", "/auth/login",
            "/", "/index.html", "/assets/**", "/favicon.ico",
            "/actuator/health", "/actuator/health/**",
            "/api/webhooks/**"),

    /** The operator token only. */
    OPERATOR(new String[] {"ADMIN"}, "/api/admin/**", "/actuator/prometheus"),

    /** Inference: an API key or a browser session, never a management key. */
    INFERENCE(new String[] {"API_KEY", "SESSION"},
            "/api/v1/chat/completions", "/api/v1/completions", "/api/v1/embeddings", "/api/v1/messages",
            "/v1/chat/completions", "/v1/completions", "/v1/embeddings", "/v1/messages"),

    /** The organisation's own data: any of its keys or a session. */
    ACCOUNT_DATA(new String[] {"API_KEY", "MANAGEMENT_KEY", "SESSION"},
            "/api/v1/credits", "/api/v1/generation", "/api/v1/key", "/api/v1/activity"),

    /** Key management: a session or a management key. */
    KEY_MANAGEMENT(new String[] {"MANAGEMENT_KEY", "SESSION"}, "/api/v1/keys", "/api/v1/keys/**"),

    /** The signed-in browser's own account. */
    SESSION_ACCOUNT(new String[] {"SESSION"}, "/auth/logout", "/auth/me");

    private final String[] roles;
    private final String[] patterns;
    private final List<PathPattern> parsed;

    AccessRules(String[] roles, String... patterns) {
        this.roles = roles;
        this.patterns = patterns;
        this.parsed = Arrays.stream(patterns).map(PathPatternParser.defaultInstance::parse).toList();
    }

    /** Role names without the {@code ROLE_} prefix (see {@link CallerAuthentication}); empty for {@link #PUBLIC}. */
    String[] roles() {
        return roles.clone();
    }

    String[] patterns() {
        return patterns.clone();
    }

    boolean covers(ServerWebExchange exchange) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        return parsed.stream().anyMatch(pattern -> pattern.matches(path));
    }
}
