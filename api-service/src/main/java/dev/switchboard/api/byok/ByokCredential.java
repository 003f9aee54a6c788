package dev.switchboard.api.byok;

import java.util.UUID;

/**
 * An organisation's decrypted key for one provider, for the duration of a request.
 *
 * @param baseUrl a self-hosted server's address, or {@code null} for the provider's own; it must be
 *                checked again with {@link BaseUrlGuard} right before each call
 * @param apiKey  the secret, never logged
 */
public record ByokCredential(UUID id, String provider, ByokPriority priority, String baseUrl, String apiKey) {

    @Override
    public String toString() {
        return "ByokCredential[" + id + ", " + provider + ", " + priority.code() + "]";
    }
}
