/** The shared-secret authentication every caller of this internal service presents. */
package dev.switchboard.catalog.security;
