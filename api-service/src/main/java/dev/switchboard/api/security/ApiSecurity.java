package dev.switchboard.api.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;

import dev.switchboard.api.error.ApiErrorHandler;
import dev.switchboard.api.identity.account.OAuthSignIn;
import dev.switchboard.api.webapp.ContentSecurityPolicy;

/**
 * The api-service's one security filter chain. Who may call what is listed in {@link AccessRules};
 * how a caller is recognised:
 * <ol>
 *   <li>{@code Authorization: Bearer …} on any non-public path: an API key or the operator token
 *       ({@link BearerAuthenticationManager}); a bad one is a 401 even if a session cookie is present.</li>
 *   <li>Otherwise the {@code SESSION} cookie ({@link SessionCallerRepository}), with cookie CSRF on
 *       writes ({@link CsrfRequirement}).</li>
 *   <li>When identity providers are configured ({@code spring.security.oauth2.client.registration.*}),
 *       {@code /oauth2/authorization/<id>} starts a GitHub or Google login and
 *       {@code /login/oauth2/code/<id>} completes it ({@link OAuthSignIn} starts the session). Google's
 *       is OpenID Connect: Spring Security checks the ID token (signature against the provider's JWKS,
 *       issuer, audience, expiry, and the nonce it put in the authorization request).</li>
 * </ol>
 * Nothing else: no HTTP Basic, no form login, no redirect to a login page, no saved requests.
 */
@Configuration
class ApiSecurity {

    @Bean
    SecurityWebFilterChain apiSecurityChain(ServerHttpSecurity http,
                                            BearerAuthenticationManager bearer,
                                            SessionCallerRepository sessions,
                                            ServerCsrfTokenRepository csrfTokens,
                                            ApiErrorHandler errors,
                                            ObjectProvider<ReactiveClientRegistrationRepository> loginProviders,
                                            OAuthSignIn oauthSignIn) {
        JsonAuthenticationEntryPoint unauthorized = new JsonAuthenticationEntryPoint(errors);
        JsonAccessDeniedHandler forbidden = new JsonAccessDeniedHandler(errors);
        ReactiveClientRegistrationRepository providers = loginProviders.getIfAvailable();
        if (providers != null) {
            http.oauth2Login(login -> login
                    .clientRegistrationRepository(providers)
                    .authorizedClientRepository(new DiscardedAuthorizedClients())
                    .oidcSessionRegistry(new DiscardedOidcSessions())
                    // The session is started by OAuthSignIn, as for a password login, not from Spring's token.
                    .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                    .authenticationSuccessHandler(oauthSignIn)
                    .authenticationFailureHandler(oauthSignIn)
                    // The web UI is the login page: no generated one.
                    .loginPage("/"));
        }
        return http
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(sessions)
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(ContentSecurityPolicy.POLICY)))
                .csrf(csrf -> csrf
                        .csrfTokenRepository(csrfTokens)
                        // Plain (not XOR-masked) tokens: the cookie's value is exactly what the header carries.
                        .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(new CsrfRequirement(WebSessionConfig.SESSION_COOKIE))
                        .accessDeniedHandler(forbidden))
                .addFilterAt(bearerFilter(bearer, unauthorized), SecurityWebFiltersOrder.AUTHENTICATION)
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .authorizeExchange(exchanges -> exchanges
                        .matchers(AccessRules.PUBLIC.matcher()).permitAll()
                        .matchers(AccessRules.WEB_APP.matcher(HttpMethod.GET)).permitAll()
                        .matchers(AccessRules.OPERATOR.matcher()).hasAnyRole(AccessRules.OPERATOR.roles())
                        .matchers(AccessRules.INFERENCE.matcher()).hasAnyRole(AccessRules.INFERENCE.roles())
                        .matchers(AccessRules.ACCOUNT_DATA.matcher()).hasAnyRole(AccessRules.ACCOUNT_DATA.roles())
                        .matchers(AccessRules.KEY_MANAGEMENT.matcher()).hasAnyRole(AccessRules.KEY_MANAGEMENT.roles())
                        .matchers(AccessRules.ORGANIZATION.matcher()).hasAnyRole(AccessRules.ORGANIZATION.roles())
                        .matchers(AccessRules.SESSION_ACCOUNT.matcher()).hasAnyRole(AccessRules.SESSION_ACCOUNT.roles())
                        .anyExchange().authenticated())
                .build();
    }

    /**
     * No observations of the filter chain, authentication or authorization. With them on, every
     * request started and stopped an observation around each of the chain's filters (with a long-task
     * timer and tag set each), plus one per authorization decision: 4.6% of the api-service's CPU
     * samples under bench/run, for metrics nothing reads. The request as a whole is still observed
     * ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** {@code XSRF-TOKEN} cookie, readable by the page's script, sent back as {@code X-XSRF-TOKEN}. */
    @Bean
    ServerCsrfTokenRepository csrfTokenRepository(WebSessionProperties properties) {
        CookieServerCsrfTokenRepository repository = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
        repository.setCookiePath("/");
        repository.setCookieCustomizer(cookie -> cookie
                .sameSite("Lax")
                .secure(properties.secureCookies()));
        return repository;
    }

    /**
     * Bearer authentication, tried only off the public paths (a stale key in an SDK must not break
     * listing models). Stateless: nothing about a key request goes into a session.
     */
    private static AuthenticationWebFilter bearerFilter(BearerAuthenticationManager bearer,
                                                        JsonAuthenticationEntryPoint unauthorized) {
        AuthenticationWebFilter filter = new AuthenticationWebFilter(bearer);
        filter.setServerAuthenticationConverter(new BearerTokenConverter());
        filter.setRequiresAuthenticationMatcher(new NegatedServerWebExchangeMatcher(AccessRules.PUBLIC.matcher()));
        filter.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(unauthorized));
        return filter;
    }
}
