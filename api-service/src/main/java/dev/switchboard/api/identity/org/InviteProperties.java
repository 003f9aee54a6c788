package dev.switchboard.api.identity.org;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Invitations ({@code switchboard.invites.*}); {@code ttl}: how long an invitation link works. */
@ConfigurationProperties("switchboard.invites")
record InviteProperties(@DefaultValue("7d") Duration ttl) {
}
