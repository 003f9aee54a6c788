/**
 * The built-in simulated provider ({@code sim}), on by default so that a newcomer can walk the whole
 * journey with nothing external: it streams plausible text token by token, with exact usage, from
 * inside the api-service.
 */
package dev.switchboard.api.provider.sim;
