package dev.switchboard.api.webapp;

/**
 * The Content-Security-Policy sent with every response of the origin. Scripts and styles only
 * from this origin as files (no inline script, no {@code eval}, no inline style attributes: the
 * app sets styles through the CSSOM or classes), requests only to this origin, no plugins, no
 * framing. Stripe Checkout is a top-level navigation, which {@code connect-src} does not govern.
 */
public final class ContentSecurityPolicy {

    public static final String POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    private ContentSecurityPolicy() {
    }
}
