package dev.switchboard.api.routing;

/**
 * Whose key an attempt would use. The planner puts {@link #BYOK} candidates (the organisation's
 * prioritised keys) before platform ones, OpenRouter's rule, and {@link #BYOK_FALLBACK} candidates
 * after them; a {@link CandidateConnections} implementation decides which endpoints have which.
 */
public enum CredentialSource {
    PLATFORM, BYOK, BYOK_FALLBACK
}
