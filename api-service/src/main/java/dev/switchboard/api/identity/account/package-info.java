/**
 * Accounts: sign-up, login and logout with email and password, each user's personal organisation,
 * and the signed-in user's view of themselves ({@code /auth/**}).
 */
package dev.switchboard.api.identity.account;
