/**
 * The api-service's one security filter chain: who may call which path (API keys, browser sessions
 * with cookie CSRF, management keys, the operator token), and the JSON 401/403 answers when they may not.
 */
package dev.switchboard.api.security;
