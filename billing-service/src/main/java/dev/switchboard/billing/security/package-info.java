/** The internal bearer-token guard in front of every billing endpoint. */
package dev.switchboard.billing.security;
