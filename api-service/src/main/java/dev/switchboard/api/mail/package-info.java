/**
 * Outgoing mail (invitations, password resets, low-balance alerts): SMTP when configured, otherwise the log.
 */
package dev.switchboard.api.mail;
