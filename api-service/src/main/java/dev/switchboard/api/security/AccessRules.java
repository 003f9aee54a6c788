package dev.switchboard.api.security;

import java.util.Arrays;
import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.switchboard.api.webapp.ClientRoutes;

/**
 * Which callers may reach which paths: the single list that both the filter chain's rules
 * ({@link ApiSecurity}) and the 403 messages ({@link JsonAccessDeniedHandler}) read.
 */
enum AccessRules {

    /**
     * Anyone: the catalog (also under the OpenAI SDKs' {@code /v1} base path), sign-up and login, password reset, accepting an invitation (which checks a
     * session itself when there is one), the configured login providers, health, and Stripe's
     * webhooks (signature-checked). The browser app's pages and assets are {@link #WEB_APP}.
     */
    PUBLIC(new String[] {},
            "/api/v1/models", "/api/v1/models/**", "/api/v1/providers", "/v1/models", "/v1/models/**",
            "/auth/signup", "/auth/login", "/auth/password-reset", "/auth/password-reset/confirm",
            "/auth/invites/accept", "/auth/providers", "/oauth2/authorization/*", "/login/oauth2/code/*",
            "/favicon.ico",
            "/actuator/health", "/actuator/health/**",
            "/api/webhooks/**"),

    /**
     * Anyone, GET only: the browser app's pages and fingerprinted assets ({@link ClientRoutes}). A
     * page asks for a login itself; the data it loads is protected by the rules above and below.
     */
    WEB_APP(new String[] {}, ClientRoutes.patterns()),

    /** The operator token only. */
    OPERATOR(new String[] {"ADMIN"}, "/api/admin/**", "/actuator/prometheus"),

    /** Inference: an API key or a browser session, never a management key. */
    INFERENCE(new String[] {"API_KEY", "SESSION"},
            "/api/v1/chat/completions", "/api/v1/completions", "/api/v1/embeddings", "/api/v1/messages",
            "/api/v1/messages/count_tokens",
            "/v1/chat/completions", "/v1/completions", "/v1/embeddings", "/v1/messages", "/v1/messages/count_tokens"),

    /** The organisation's own data: any of its keys or a session. */
    ACCOUNT_DATA(new String[] {"API_KEY", "MANAGEMENT_KEY", "SESSION"},
            "/api/v1/credits", "/api/v1/generation", "/api/v1/generations", "/api/v1/key", "/api/v1/activity"),

    /** Key management, API keys and BYOK provider keys: a session or a management key. */
    KEY_MANAGEMENT(new String[] {"MANAGEMENT_KEY", "SESSION"}, "/api/v1/keys", "/api/v1/keys/**",
            "/api/v1/byok", "/api/v1/byok/**"),

    /** The members of the caller's organisation (OpenRouter's listing): a session or a management key. */
    ORGANIZATION(new String[] {"MANAGEMENT_KEY", "SESSION"}, "/api/v1/organization/members"),

    /**
     * The signed-in browser's own account, its organisations and the switch between them, and buying
     * credits for its current organisation.
     */
    SESSION_ACCOUNT(new String[] {"SESSION"}, "/auth/logout", "/auth/me", "/auth/org", "/api/v1/orgs", "/api/v1/orgs/**",
            "/api/v1/credits/checkout", "/api/v1/credits/purchases", "/api/v1/credits/settings");

    private final String[] roles;
    private final List<PathPattern> parsed;

    AccessRules(String[] roles, String... patterns) {
        this.roles = roles;
        this.parsed = Arrays.stream(patterns).map(PathPatternParser.defaultInstance::parse).toList();
    }

    /** Role names without the {@code ROLE_} prefix (see {@link CallerAuthentication}); empty for {@link #PUBLIC}. */
    String[] roles() {
        return roles.clone();
    }

    boolean covers(ServerWebExchange exchange) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        for (PathPattern pattern : parsed) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }

    /**
     * These paths as one matcher for the filter chain: the same patterns, parser and path as
     * Spring Security's {@code pathMatchers}, without its per-pattern debug logging. Those messages
     * are formatted with {@code String.format} whatever the log level (commons-logging's SLF4J
     * bridge turns each into a string before asking the level), about 1.5% of the api-service's
     * CPU samples under bench/run.
     */
    ServerWebExchangeMatcher matcher() {
        return matcher(null);
    }

    /** As {@link #matcher()}, for requests with {@code method} only (any method when null). */
    ServerWebExchangeMatcher matcher(HttpMethod method) {
        return exchange -> (method == null || method.equals(exchange.getRequest().getMethod())) && covers(exchange)
                ? ServerWebExchangeMatcher.MatchResult.match()
                : ServerWebExchangeMatcher.MatchResult.notMatch();
    }
}
