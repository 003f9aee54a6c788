package dev.switchboard.api.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secret of an emailed link (an invitation, a password reset): 32 random bytes, URL-safe base64.
 * Only {@link #hash()} is stored, so a copy of the database opens no link.
 *
 * @param secret what goes into the link, and nowhere else
 * @param hash   SHA-256 hex of {@code secret}
 */
public record OneTimeToken(String secret, String hash) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static OneTimeToken generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new OneTimeToken(secret, hashOf(secret));
    }

    /** The stored form of a presented token; any string hashes, so a malformed one simply matches nothing. */
    public static String hashOf(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "OneTimeToken[hash=" + hash + "]";
    }
}
