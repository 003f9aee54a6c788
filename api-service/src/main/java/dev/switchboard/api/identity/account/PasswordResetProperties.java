package dev.switchboard.api.identity.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Password resets ({@code switchboard.password-reset.*}).
 *
 * @param tokenTtl              how long a reset link works
 * @param window                the window the two limits below count over
 * @param maxRequestsPerAddress reset requests one client address may make in a window (429 beyond)
 * @param maxMailsPerAccount    reset mails one account receives in a window; further requests still
 *                              answer 202 (the answer never says whether the address has an account)
 *                              but send nothing, so nobody can flood a mailbox
 */
@ConfigurationProperties("switchboard.password-reset")
record PasswordResetProperties(@DefaultValue("1h") Duration tokenTtl,
                               @DefaultValue("1h") Duration window,
                               @DefaultValue("20") int maxRequestsPerAddress,
                               @DefaultValue("3") int maxMailsPerAccount) {
}
