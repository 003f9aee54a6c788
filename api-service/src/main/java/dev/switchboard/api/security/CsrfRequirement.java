package dev.switchboard.api.security;

import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;

/**
 * Which requests must carry the CSRF token: writes that a browser could send with the session
 * cookie on a user's behalf. Not required for
 * <ul>
 *   <li>safe methods (GET, HEAD, OPTIONS, TRACE), which change nothing;</li>
 *   <li>requests without the session cookie: no ambient credential, nothing to forge (and API
 *       clients without any credential get the honest 401 rather than a CSRF 403);</li>
 *   <li>requests with {@code Authorization: Bearer …}: a cross-site page cannot set that header
 *       without a CORS preflight, which this origin never grants, and the bearer token, not the
 *       cookie, decides who the caller is;</li>
 *   <li>{@code POST /auth/signup} and {@code /auth/login} with a JSON body, which establish the
 *       session (same preflight argument: a cross-site form cannot send {@code application/json}),
 *       and the password-reset pair, which never read the session (a signed-out browser may still
 *       hold a stale cookie);</li>
 *   <li>{@code /api/webhooks/**}, which Stripe calls and which check their own signatures.</li>
 * </ul>
 */
class CsrfRequirement implements ServerWebExchangeMatcher {

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);
    private static final Set<String> SESSION_STARTERS = Set.of("/auth/signup", "/auth/login",
            "/auth/password-reset", "/auth/password-reset/confirm");

    private final String sessionCookie;

    CsrfRequirement(String sessionCookie) {
        this.sessionCookie = sessionCookie;
    }

    @Override
    public Mono<MatchResult> matches(ServerWebExchange exchange) {
        return required(exchange) ? MatchResult.match() : MatchResult.notMatch();
    }

    private boolean required(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        return !SAFE.contains(request.getMethod())
                && request.getCookies().containsKey(sessionCookie)
                && !BearerTokenConverter.hasBearer(exchange)
                && !startsSessionWithJson(request)
                && !request.getPath().pathWithinApplication().value().startsWith("/api/webhooks/");
    }

    private static boolean startsSessionWithJson(ServerHttpRequest request) {
        MediaType type = request.getHeaders().getContentType();
        return HttpMethod.POST.equals(request.getMethod())
                && SESSION_STARTERS.contains(request.getPath().pathWithinApplication().value())
                && type != null
                && MediaType.APPLICATION_JSON.isCompatibleWith(type);
    }
}
