package dev.switchboard.api.provider;

import java.util.Optional;

/**
 * An RFC 2397 {@code data:} URI with base64 payload, as OpenAI-format requests carry inline images
 * and files ({@code data:image/png;base64,iVBOR…}). Providers that want the media type and the
 * bytes apart (Anthropic, Gemini) split it here.
 */
public record DataUri(String mediaType, String base64) {

    /** The parts of {@code uri}, or empty when it is not a base64 data URI (for example an https URL). */
    public static Optional<DataUri> parse(String uri) {
        if (uri == null || !uri.startsWith("data:")) {
            return Optional.empty();
        }
        int comma = uri.indexOf(',');
        int marker = uri.lastIndexOf(";base64", comma);
        if (comma < 0 || marker < 0) {
            return Optional.empty();
        }
        String type = uri.substring(5, marker);
        int parameters = type.indexOf(';');
        if (parameters >= 0) {
            type = type.substring(0, parameters);
        }
        return Optional.of(new DataUri(type.isBlank() ? "application/octet-stream" : type, uri.substring(comma + 1)));
    }
}
