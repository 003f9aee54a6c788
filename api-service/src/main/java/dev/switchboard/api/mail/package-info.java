/**
 * Outgoing mail (invitations, password resets): SMTP when configured, otherwise the log.
 */
package dev.switchboard.api.mail;
