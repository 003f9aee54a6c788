package dev.switchboard.api.security;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;

import static org.assertj.core.api.Assertions.assertThat;

class CsrfRequirementTests {

    private final CsrfRequirement requirement = new CsrfRequirement("SESSION");

    static Stream<Arguments> requests() {
        HttpCookie session = new HttpCookie("SESSION", "s");
        return Stream.of(
                Arguments.of("a cookie write", post("/api/v1/keys").cookie(session), true),
                Arguments.of("a cookie delete", MockServerHttpRequest.method(HttpMethod.DELETE, "/api/v1/keys/x").cookie(session), true),
                Arguments.of("logout", post("/auth/logout").cookie(session), true),
                Arguments.of("a form login with a cookie", post("/auth/login").cookie(session)
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED), true),
                Arguments.of("a read", MockServerHttpRequest.get("/api/v1/keys").cookie(session), false),
                Arguments.of("a write without the cookie", post("/api/v1/chat/completions"), false),
                Arguments.of("a bearer write with the cookie", post("/api/v1/keys").cookie(session)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer sk-sb-v1-x"), false),
                Arguments.of("a JSON login", post("/auth/login").cookie(session).contentType(MediaType.APPLICATION_JSON), false),
                Arguments.of("a JSON sign-up", post("/auth/signup").cookie(session).contentType(MediaType.APPLICATION_JSON), false),
                Arguments.of("a Stripe webhook", post("/api/webhooks/stripe").cookie(session), false),
                Arguments.of("switching organisation", post("/auth/org").cookie(session).contentType(MediaType.APPLICATION_JSON), true),
                Arguments.of("accepting an invite while signed in", post("/auth/invites/accept").cookie(session)
                        .contentType(MediaType.APPLICATION_JSON), true),
                Arguments.of("a JSON password-reset request", post("/auth/password-reset").cookie(session)
                        .contentType(MediaType.APPLICATION_JSON), false),
                Arguments.of("a JSON password-reset confirmation", post("/auth/password-reset/confirm").cookie(session)
                        .contentType(MediaType.APPLICATION_JSON), false));
    }

    @ParameterizedTest(name = "{0} needs a CSRF token: {2}")
    @MethodSource("requests")
    void csrfIsRequiredExactlyForCookieAuthenticatedWrites(String what, MockServerHttpRequest.BaseBuilder<?> request,
                                                           boolean required) {
        MatchResult result = requirement.matches(MockServerWebExchange.from(request)).block();
        assertThat(result.isMatch()).isEqualTo(required);
    }

    private static MockServerHttpRequest.BodyBuilder post(String path) {
        return MockServerHttpRequest.post(path);
    }
}
