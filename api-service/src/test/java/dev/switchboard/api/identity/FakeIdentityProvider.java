package dev.switchboard.api.identity;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local OAuth2 authorization server, enough for a login: the token endpoint ({@code POST /token},
 * authorization code grant, client authenticated with HTTP Basic, each code good once) and the user
 * endpoints of a generic provider ({@code /userinfo}, with {@code email_verified}) and of GitHub
 * ({@code /user} without an address and {@code /user/emails}). The test plays the browser and the
 * person: it asks for a code for a profile ({@link #issueCode}) instead of going through a consent page.
 */
public final class FakeIdentityProvider {

    public static final String CLIENT_ID = "switchboard-test";
    public static final String CLIENT_SECRET = "fake-provider-secret";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final FakeIdentityProvider INSTANCE = new FakeIdentityProvider();

    /** Who signs in at the provider; {@code emailVerified} null means the provider does not say. */
    public record Profile(String subject, String email, Boolean emailVerified) {
    }

    private final Map<String, Profile> codes = new ConcurrentHashMap<>();
    private final Map<String, Profile> tokens = new ConcurrentHashMap<>();
    private final DisposableServer server;

    private FakeIdentityProvider() {
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes
                        .post("/token", this::token)
                        .get("/userinfo", (request, response) -> user(request, response, this::userInfo))
                        .get("/user", (request, response) -> user(request, response, this::gitHubUser))
                        .get("/user/emails", (request, response) -> user(request, response, this::gitHubEmails)))
                .bindNow();
    }

    public static FakeIdentityProvider instance() {
        return INSTANCE;
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** A code the provider would hand the browser after {@code profile} signed in and consented. */
    public String issueCode(Profile profile) {
        String code = "code-" + UUID.randomUUID();
        codes.put(code, profile);
        return code;
    }

    private Mono<Void> token(HttpServerRequest request, HttpServerResponse response) {
        String expected = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(request.requestHeaders().get("Authorization"))) {
            return json(response, HttpResponseStatus.UNAUTHORIZED, Map.of("error", "invalid_client"));
        }
        return request.receive().aggregate().asString()
                .flatMap(form -> {
                    Profile profile = codes.remove(formValue(form, "code"));
                    if (profile == null || !"authorization_code".equals(formValue(form, "grant_type"))) {
                        return json(response, HttpResponseStatus.BAD_REQUEST, Map.of("error", "invalid_grant"));
                    }
                    String token = "at-" + UUID.randomUUID();
                    tokens.put(token, profile);
                    return json(response, HttpResponseStatus.OK,
                            Map.of("access_token", token, "token_type", "Bearer", "expires_in", 3600, "scope", "profile"));
                });
    }

    private Mono<Void> user(HttpServerRequest request, HttpServerResponse response,
                            Function<Profile, Object> body) {
        String authorization = request.requestHeaders().get("Authorization");
        Profile profile = authorization == null ? null : tokens.get(authorization.replaceFirst("(?i)^bearer ", ""));
        if (profile == null) {
            return json(response, HttpResponseStatus.UNAUTHORIZED, Map.of("error", "invalid_token"));
        }
        return json(response, HttpResponseStatus.OK, body.apply(profile));
    }

    private Object userInfo(Profile profile) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", profile.subject());
        user.put("email", profile.email());
        if (profile.emailVerified() != null) {
            user.put("email_verified", profile.emailVerified());
        }
        return user;
    }

    private Object gitHubUser(Profile profile) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", profile.subject());
        user.put("login", "octo-" + profile.subject());
        user.put("email", null);
        return user;
    }

    private Object gitHubEmails(Profile profile) {
        return List.of(
                Map.of("email", "secondary-" + profile.subject() + "@example.com", "primary", false, "verified", true),
                Map.of("email", profile.email(), "primary", true, "verified", Boolean.TRUE.equals(profile.emailVerified())));
    }

    private static String formValue(String form, String name) {
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static Mono<Void> json(HttpServerResponse response, HttpResponseStatus status, Object body) {
        return response.status(status)
                .header("Content-Type", "application/json")
                .sendString(Mono.just(JSON.writeValueAsString(body)))
                .then();
    }
}
