package dev.switchboard.api.mail;

import java.net.URI;

/**
 * One outgoing mail: every mail the platform sends carries one link the recipient is to follow.
 *
 * @param to      the recipient's address
 * @param subject the subject line
 * @param text    the plain-text body, which contains {@code link}
 * @param link    the link (an invitation or a password reset, carrying a one-time token; or the
 *                Credits page, for a low-balance alert)
 */
public record Mail(String to, String subject, String text, URI link) {
}
