package dev.switchboard.api.byok;

import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import dev.switchboard.api.error.ApiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTest {

    static final String KEY_ONE = Base64.getEncoder().encodeToString(new byte[32]);
    static final String KEY_TWO = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    private final UUID org = UUID.randomUUID();
    private final UUID id = UUID.randomUUID();

    static SecretCipher cipher(Map<String, String> keys, String active) {
        return new SecretCipher(new MasterKeyProperties(null, "default", keys, active));
    }

    @Test
    void aSealedSecretOpensToTheSameTextAndTheCiphertextDoesNotContainIt() {
        SecretCipher cipher = cipher(Map.of("one", KEY_ONE), null);
        SealedSecret sealed = cipher.seal(org, id, "sk-proj-secret-value-1234");

        assertThat(sealed.masterKeyId()).isEqualTo("one");
        assertThat(sealed.nonce()).hasSize(12);
        assertThat(new String(sealed.ciphertext())).doesNotContain("secret");
        assertThat(cipher.open(org, id, sealed)).isEqualTo("sk-proj-secret-value-1234");
    }

    @Test
    void twoEncryptionsOfOneSecretUseDifferentNonces() {
        SecretCipher cipher = cipher(Map.of("one", KEY_ONE), null);
        assertThat(cipher.seal(org, id, "same").nonce()).isNotEqualTo(cipher.seal(org, id, "same").nonce());
    }

    @Test
    void afterRotationOldCiphertextsStillOpenAndResealingMovesThemToTheActiveKey() {
        SealedSecret old = cipher(Map.of("one", KEY_ONE), "one").seal(org, id, "sk-old");
        SecretCipher rotated = cipher(Map.of("one", KEY_ONE, "two", KEY_TWO), "two");

        assertThat(rotated.open(org, id, old)).isEqualTo("sk-old");
        SealedSecret resealed = rotated.reseal(org, id, old);
        assertThat(resealed.masterKeyId()).isEqualTo("two");
        assertThat(cipher(Map.of("two", KEY_TWO), "two").open(org, id, resealed)).isEqualTo("sk-old");
        assertThat(rotated.reseal(org, id, resealed)).isSameAs(resealed);
    }

    @Test
    void aCiphertextWhoseMasterKeyWasRemovedIsUnreadable() {
        SealedSecret old = cipher(Map.of("one", KEY_ONE), "one").seal(org, id, "sk-old");
        assertThatThrownBy(() -> cipher(Map.of("two", KEY_TWO), "two").open(org, id, old))
                .isInstanceOf(SecretCipher.SecretUnreadableException.class)
                .hasMessageContaining("'one' is not configured");
    }

    @Test
    void aFlippedBitInTheCiphertextOrNonceIsDetected() {
        SecretCipher cipher = cipher(Map.of("one", KEY_ONE), null);
        SealedSecret sealed = cipher.seal(org, id, "sk-tamper");
        byte[] ciphertext = sealed.ciphertext().clone();
        ciphertext[0] ^= 1;
        byte[] nonce = sealed.nonce().clone();
        nonce[11] ^= (byte) 0x80;

        assertThatThrownBy(() -> cipher.open(org, id, new SealedSecret("one", sealed.nonce(), ciphertext)))
                .isInstanceOf(SecretCipher.SecretUnreadableException.class);
        assertThatThrownBy(() -> cipher.open(org, id, new SealedSecret("one", nonce, sealed.ciphertext())))
                .isInstanceOf(SecretCipher.SecretUnreadableException.class);
    }

    @Test
    void aCiphertextMovedToAnotherOrganisationOrRowDoesNotOpen() {
        SecretCipher cipher = cipher(Map.of("one", KEY_ONE, "two", KEY_ONE), "one");
        SealedSecret sealed = cipher.seal(org, id, "sk-bound");

        assertThatThrownBy(() -> cipher.open(UUID.randomUUID(), id, sealed))
                .isInstanceOf(SecretCipher.SecretUnreadableException.class);
        assertThatThrownBy(() -> cipher.open(org, UUID.randomUUID(), sealed))
                .isInstanceOf(SecretCipher.SecretUnreadableException.class);
        // the same key material under another id: the id is bound too
        assertThatThrownBy(() -> cipher.open(org, id, new SealedSecret("two", sealed.nonce(), sealed.ciphertext())))
                .isInstanceOf(SecretCipher.SecretUnreadableException.class);
    }

    @Test
    void withoutAMasterKeyBYOKIsUnavailableWith503() {
        SecretCipher cipher = cipher(Map.of(), null);
        assertThat(cipher.available()).isFalse();
        assertThatThrownBy(() -> cipher.seal(org, id, "sk"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("SWITCHBOARD_MASTER_KEY");
                });
    }

    @Test
    void malformedOrAmbiguousMasterKeysFailAtStart() {
        assertThatThrownBy(() -> cipher(Map.of("one", Base64.getEncoder().encodeToString(new byte[16])), null))
                .hasMessageContaining("must be 32 bytes");
        assertThatThrownBy(() -> cipher(Map.of("one", "not base64!"), null)).hasMessageContaining("not base64");
        assertThatThrownBy(() -> cipher(Map.of("one", KEY_ONE, "two", KEY_TWO), null))
                .hasMessageContaining("master-key-active");
        assertThatThrownBy(() -> cipher(Map.of("one", KEY_ONE), "three")).hasMessageContaining("master-key-active");
    }

    @Test
    void theSingleMasterKeySettingIsActiveUnderItsId() {
        SecretCipher cipher = new SecretCipher(new MasterKeyProperties(KEY_ONE, "default", Map.of("old", KEY_TWO), null));
        assertThat(cipher.seal(org, id, "sk").masterKeyId()).isEqualTo("default");
    }

    @Test
    void theMaskShowsOnlyThePrefixAndTheLastFourCharacters() {
        assertThat(ByokKey.mask("sk-proj-abcdefghijklmnop1234")).isEqualTo("sk-…1234");
        assertThat(ByokKey.mask("AIzaSyA-very-long-google-key-wxyz")).isEqualTo("…wxyz");
        assertThat(ByokKey.mask("short")).isEqualTo("…");
    }
}
