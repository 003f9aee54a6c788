package dev.switchboard.api.platform;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the api-service reaches the rest of the platform.
 *
 * @param internalToken shared secret for the internal APIs of catalog- and billing-service
 * @param adminToken    the operator's bearer token for {@code /api/admin/**}
 * @param catalogUrl    base URL of catalog-service
 * @param billingUrl    base URL of billing-service
 * @param internalTimeout timeout of one internal call (never on the inference hot path)
 */
@ConfigurationProperties("switchboard")
public record PlatformProperties(String internalToken, String adminToken, URI catalogUrl, URI billingUrl,
                                 @DefaultValue("5s") Duration internalTimeout) {
}
