package dev.switchboard.api.identity;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A local OAuth2 authorization server, enough for a login: the token endpoint ({@code POST /token},
 * authorization code grant, client authenticated with HTTP Basic, each code good once) and the user
 * endpoints of a generic provider ({@code /userinfo}, with {@code email_verified}) and of GitHub
 * ({@code /user} without an address and {@code /user/emails}). The test plays the browser and the
 * person: it asks for a code for a profile ({@link #issueCode}) instead of going through a consent page.
 *
 * <p>It is also Google's OpenID Connect provider: when the authorization request asked for the
 * {@code openid} scope, the token response carries an ID token signed RS256 with the key published at
 * {@code /jwks}, claiming Google's issuer ({@value #GOOGLE_ISSUER}, which Spring Security's Google
 * defaults expect), this client as audience, and the {@code nonce} of the authorization request; and
 * {@code /oidc/userinfo} answers as Google's userinfo endpoint does. A {@link Forgery} makes one of
 * those wrong, as an attacker replaying or minting tokens would.
 */
public final class FakeIdentityProvider {

    public static final String CLIENT_ID = "switchboard-test";
    public static final String CLIENT_SECRET = "fake-provider-secret";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final FakeIdentityProvider INSTANCE = new FakeIdentityProvider();

    public static final String GOOGLE_ISSUER = "https://accounts.google.com";

    /** Who signs in at the provider; {@code emailVerified} null means the provider does not say. */
    public record Profile(String subject, String email, Boolean emailVerified) {
    }

    /** What is wrong with the ID token the provider issues, if anything. */
    public enum Forgery {
        NONE,
        /** Signed with another RSA key under the published key's id. */
        FOREIGN_KEY,
        /** Issued to another client. */
        OTHER_AUDIENCE,
        /** Carries a nonce other than the authorization request's (a token replayed from another login). */
        OTHER_NONCE
    }

    /** A code's grant: who signed in and, for an OpenID Connect request, its nonce and what to forge. */
    private record Grant(Profile profile, boolean openId, String nonce, Forgery forgery) {
    }

    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Profile> tokens = new ConcurrentHashMap<>();
    private final RSAKey signingKey = rsaKey();
    private final RSAKey foreignKey = rsaKey();
    private final DisposableServer server;

    private FakeIdentityProvider() {
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes
                        .post("/token", this::token)
                        .get("/jwks", (request, response) -> response.header("Content-Type", "application/json")
                                .sendString(Mono.just(new JWKSet(signingKey.toPublicJWK()).toString())))
                        .get("/userinfo", (request, response) -> user(request, response, profile -> userInfo("id", profile)))
                        .get("/oidc/userinfo", (request, response) -> user(request, response, profile -> userInfo("sub", profile)))
                        .get("/user", (request, response) -> user(request, response, this::gitHubUser))
                        .get("/user/emails", (request, response) -> user(request, response, this::gitHubEmails)))
                .bindNow();
    }

    /** Both keys share one key id, so a token signed with the foreign one fails on its signature, not on a missing key. */
    private static RSAKey rsaKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("fake-google-1").keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static FakeIdentityProvider instance() {
        return INSTANCE;
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** A code the provider would hand the browser after {@code profile} signed in and consented. */
    public String issueCode(Profile profile) {
        return issueCode(profile, false, null, Forgery.NONE);
    }

    /**
     * A code the provider would hand the browser that brought {@code authorizationRequest} (the URL
     * Switchboard redirected it to) after {@code profile} signed in and consented; with an ID token,
     * made wrong by {@code forgery}, when the request asked for {@code openid}.
     */
    public String issueCode(Profile profile, URI authorizationRequest, Forgery forgery) {
        MultiValueMap<String, String> query = UriComponentsBuilder.fromUri(authorizationRequest).build().getQueryParams();
        String scope = decoded(query.getFirst("scope"));
        boolean openId = scope != null && List.of(scope.split(" ")).contains("openid");
        return issueCode(profile, openId, decoded(query.getFirst("nonce")), forgery);
    }

    private String issueCode(Profile profile, boolean openId, String nonce, Forgery forgery) {
        String code = "code-" + UUID.randomUUID();
        codes.put(code, new Grant(profile, openId, nonce, forgery));
        return code;
    }

    private Mono<Void> token(HttpServerRequest request, HttpServerResponse response) {
        String expected = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(request.requestHeaders().get("Authorization"))) {
            return json(response, HttpResponseStatus.UNAUTHORIZED, Map.of("error", "invalid_client"));
        }
        return request.receive().aggregate().asString()
                .flatMap(form -> {
                    Grant grant = codes.remove(formValue(form, "code"));
                    if (grant == null || !"authorization_code".equals(formValue(form, "grant_type"))) {
                        return json(response, HttpResponseStatus.BAD_REQUEST, Map.of("error", "invalid_grant"));
                    }
                    String token = "at-" + UUID.randomUUID();
                    tokens.put(token, grant.profile());
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("access_token", token);
                    answer.put("token_type", "Bearer");
                    answer.put("expires_in", 3600);
                    if (grant.openId()) {
                        // Google names the granted scopes by URL, except openid
                        answer.put("scope", "openid https://www.googleapis.com/auth/userinfo.email "
                                + "https://www.googleapis.com/auth/userinfo.profile");
                        answer.put("id_token", idToken(grant));
                    } else {
                        answer.put("scope", "profile");
                    }
                    return json(response, HttpResponseStatus.OK, answer);
                });
    }

    private String idToken(Grant grant) {
        Instant now = Instant.now();
        Profile profile = grant.profile();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(GOOGLE_ISSUER)
                .audience(grant.forgery() == Forgery.OTHER_AUDIENCE ? "another-client.apps.example.com" : CLIENT_ID)
                .claim("azp", CLIENT_ID)
                .subject(profile.subject())
                .claim("email", profile.email())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)))
                .claim("nonce", grant.forgery() == Forgery.OTHER_NONCE ? "nonce-of-another-login" : grant.nonce());
        if (profile.emailVerified() != null) {
            claims.claim("email_verified", profile.emailVerified());
        }
        RSAKey key = grant.forgery() == Forgery.FOREIGN_KEY ? foreignKey : signingKey;
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                claims.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
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

    /** A generic provider's user names the subject {@code id}; Google's {@code sub}, which must match the ID token's. */
    private static Object userInfo(String subjectClaim, Profile profile) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put(subjectClaim, profile.subject());
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

    private static String decoded(String queryValue) {
        return queryValue == null ? null : URLDecoder.decode(queryValue, StandardCharsets.UTF_8);
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
