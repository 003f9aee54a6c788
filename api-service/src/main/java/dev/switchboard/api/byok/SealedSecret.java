package dev.switchboard.api.byok;

/**
 * A BYOK secret as stored: AES-256-GCM ciphertext (with its 128-bit tag appended), the 96-bit nonce
 * it was encrypted with, and the id of the master key that encrypted it.
 */
record SealedSecret(String masterKeyId, byte[] nonce, byte[] ciphertext) {

    @Override
    public String toString() {
        return "SealedSecret[" + masterKeyId + "]";
    }
}
