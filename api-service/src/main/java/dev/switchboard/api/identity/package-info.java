/**
 * Who a request comes from: users, organisations, sessions and API keys. {@link dev.switchboard.api.identity.Caller}
 * is the principal the security layer attaches to every authenticated exchange.
 */
package dev.switchboard.api.identity;
