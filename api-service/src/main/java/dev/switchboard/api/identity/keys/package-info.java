/**
 * API keys in OpenRouter's shape ({@code /api/v1/keys}, {@code /api/v1/key}): created once and shown
 * once, stored only as the SHA-256 of the key, and checked on every API request through an in-memory
 * cache ({@link dev.switchboard.api.identity.keys.ApiKeyAuthenticator}).
 */
package dev.switchboard.api.identity.keys;
