package dev.switchboard.api.byok;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.UUID;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.switchboard.api.error.ApiException;

/**
 * Encrypts and decrypts BYOK secrets with AES-256-GCM (the JDK's provider).
 *
 * <p>The associated data is {@code switchboard/byok/v1|<org>|<byok id>|<master key id>}: the tag
 * only verifies for the row the secret was written for, so a ciphertext moved to another row or
 * organisation, or relabelled with another master key id, fails to decrypt instead of lending one
 * tenant's key to another. A fresh random nonce per encryption keeps GCM's (key, nonce) pairs
 * unique; at one encryption per created or rotated secret the 2^32 bound is far away.
 */
@Component
public class SecretCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final MasterKeyRing ring;
    private final SecureRandom random = new SecureRandom();

    SecretCipher(MasterKeyProperties properties) {
        this.ring = MasterKeyRing.of(properties);
    }

    /** Whether a master key is configured; without one, BYOK is off. */
    public boolean available() {
        return ring.configured();
    }

    String activeKeyId() {
        requireAvailable();
        return ring.activeId();
    }

    /** Throws the BYOK API's 503 when no master key is configured. */
    void requireAvailable() {
        if (!ring.configured()) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "BYOK is not available: the operator has not configured "
                    + "a master key (SWITCHBOARD_MASTER_KEY)");
        }
    }

    SealedSecret seal(UUID orgId, UUID byokId, String secret) {
        requireAvailable();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        String keyId = ring.activeId();
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, ring.active(), nonce, orgId, byokId, keyId);
            return new SealedSecret(keyId, nonce, cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * @throws SecretUnreadableException when the master key is not configured any more, or the
     *                                   ciphertext, nonce or binding was altered
     */
    String open(UUID orgId, UUID byokId, SealedSecret sealed) {
        SecretKey key = ring.byId(sealed.masterKeyId()).orElseThrow(() -> new SecretUnreadableException(
                "master key '" + sealed.masterKeyId() + "' is not configured"));
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, sealed.nonce(), orgId, byokId, sealed.masterKeyId());
            return new String(cipher.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8);
        } catch (AEADBadTagException tampered) {
            throw new SecretUnreadableException("the ciphertext does not verify for this key and organisation");
        } catch (GeneralSecurityException e) {
            throw new SecretUnreadableException("decryption failed: " + e.getClass().getSimpleName());
        }
    }

    /** The secret under the active master key; {@code sealed} itself when it already is. */
    SealedSecret reseal(UUID orgId, UUID byokId, SealedSecret sealed) {
        if (sealed.masterKeyId().equals(activeKeyId())) {
            return sealed;
        }
        return seal(orgId, byokId, open(orgId, byokId, sealed));
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, UUID orgId, UUID byokId, String keyId)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(("switchboard/byok/v1|" + orgId + "|" + byokId + "|" + keyId).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** A stored secret that cannot be decrypted; the message never contains secret material. */
    static final class SecretUnreadableException extends RuntimeException {
        SecretUnreadableException(String message) {
            super(message);
        }
    }
}
