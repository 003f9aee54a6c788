package dev.switchboard.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import reactor.core.publisher.Mono;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import dev.switchboard.api.identity.Caller;
import dev.switchboard.api.identity.keys.ApiKeyAuthenticator;
import dev.switchboard.api.platform.PlatformProperties;

/**
 * Authenticates {@code Authorization: Bearer <token>}: an {@code sk-sb-v1-…} API key (through the
 * key cache) or the operator's {@code switchboard.admin-token}. The operator token is compared in
 * constant time over SHA-256 digests, so neither its content nor its length leaks through timing.
 * An unset or blank operator token matches nothing.
 */
@Component
class BearerAuthenticationManager implements ReactiveAuthenticationManager {

    private static final Caller OPERATOR = new Caller(Caller.Kind.ADMIN, null, null, null, null);

    private final ApiKeyAuthenticator apiKeys;
    private final byte[] adminTokenDigest;

    BearerAuthenticationManager(ApiKeyAuthenticator apiKeys, PlatformProperties platform) {
        this.apiKeys = apiKeys;
        String adminToken = platform.adminToken();
        this.adminTokenDigest = adminToken == null || adminToken.isBlank() ? null : sha256(adminToken);
    }

    @Override
    public Mono<Authentication> authenticate(Authentication bearer) {
        String token = String.valueOf(bearer.getCredentials());
        if (token.startsWith("sk-")) {
            return apiKeys.authenticate(token)
                    .map(CallerAuthentication::new);
        }
        if (adminTokenDigest != null && MessageDigest.isEqual(adminTokenDigest, sha256(token))) {
            return Mono.just(new CallerAuthentication(OPERATOR));
        }
        return Mono.error(new BadCredentialsException("Invalid API key"));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
