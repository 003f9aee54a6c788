package dev.switchboard.api.identity.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A new API key: {@code sk-sb-v1-} and 64 hex digits (32 bytes from {@link SecureRandom}).
 *
 * @param secret the key itself; returned to the client once and never stored
 * @param hash   SHA-256 hex of {@code secret}, the key's id and the only form that is stored
 * @param label  a masked form that is safe to show later ({@code sk-sb-v1-3fa...9c1})
 */
record GeneratedKey(String secret, String hash, String label) {

    static final String PREFIX = "sk-sb-v1-";
    private static final Pattern FORMAT = Pattern.compile("sk-sb-v1-[0-9a-f]{64}");
    private static final HexFormat HEX = HexFormat.of();

    static GeneratedKey generate(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String body = HEX.formatHex(bytes);
        String secret = PREFIX + body;
        return new GeneratedKey(secret, hash(secret), PREFIX + body.substring(0, 3) + "..." + body.substring(body.length() - 3));
    }

    /** Whether {@code presented} can be a Switchboard key at all (checked before any lookup). */
    static boolean wellFormed(String presented) {
        return FORMAT.matcher(presented).matches();
    }

    /** SHA-256 of the whole key string, lowercase hex. */
    static String hash(String secret) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HEX.formatHex(sha256.digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "GeneratedKey[hash=" + hash + ", label=" + label + "]";
    }
}
