package dev.switchboard.api.byok;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param allowPrivateBaseUrls whether a BYOK key's custom base URL may point at loopback, private,
 *                             link-local or metadata addresses (a self-hosted server on the
 *                             operator's own network); off by default, so no tenant can steer a
 *                             request into the platform's network
 * @param credentialsCacheTtl  how long an instance reuses an organisation's decrypted BYOK keys
 *                             before reading them again (a change on this instance is seen at once)
 */
@ConfigurationProperties("switchboard.byok")
public record ByokProperties(@DefaultValue("false") boolean allowPrivateBaseUrls,
                             @DefaultValue("10s") Duration credentialsCacheTtl) {
}
