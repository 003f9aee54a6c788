package dev.switchboard.api.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Browser sessions ({@code switchboard.session.*}).
 *
 * @param idleTimeout   a session unused this long is gone (Redis expiry)
 * @param secureCookies mark the {@code SESSION} and {@code XSRF-TOKEN} cookies {@code Secure}; turn on
 *                      whenever the public origin is HTTPS (off by default for {@code http://localhost})
 */
@ConfigurationProperties("switchboard.session")
record WebSessionProperties(@DefaultValue("7d") Duration idleTimeout,
                            @DefaultValue("false") boolean secureCookies) {
}
