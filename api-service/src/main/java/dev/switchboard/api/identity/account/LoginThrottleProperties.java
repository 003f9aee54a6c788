package dev.switchboard.api.identity.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Login throttling ({@code switchboard.login-throttle.*}): failed logins are counted per account and
 * per client address over a fixed window; past the limit, logins are refused with 429 until the
 * window ends, even with the right password.
 *
 * @param window                how long failures are remembered, counted from the first one
 * @param maxFailuresPerAccount failed logins one account may take in a window (someone guessing its password)
 * @param maxFailuresPerAddress failed logins one client address may cause across all accounts (password spraying)
 */
@ConfigurationProperties("switchboard.login-throttle")
record LoginThrottleProperties(@DefaultValue("15m") Duration window,
                               @DefaultValue("10") int maxFailuresPerAccount,
                               @DefaultValue("100") int maxFailuresPerAddress) {
}
