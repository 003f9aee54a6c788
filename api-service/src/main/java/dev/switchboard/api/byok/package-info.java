/**
 * Bring your own key: an organisation's own provider credentials, stored encrypted (AES-256-GCM
 * under rotatable master keys), managed through OpenRouter's {@code /api/v1/byok}, and handed to
 * routing through {@link dev.switchboard.api.byok.ByokCredentials}. Base URLs of self-hosted servers
 * pass {@link dev.switchboard.api.byok.BaseUrlGuard} when saved and when called.
 */
package dev.switchboard.api.byok;
