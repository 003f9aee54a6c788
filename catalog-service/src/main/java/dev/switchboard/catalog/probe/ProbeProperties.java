package dev.switchboard.catalog.probe;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Active health probes.
 *
 * @param enabled          off by default: probing costs requests against the operator's platform keys
 * @param interval         time between two rounds of probes
 * @param timeout          a probe slower than this is a failure
 * @param failuresToMarkDown consecutive failed probes before a provider is marked down
 * @param path             appended to the provider's base URL; every supported API style lists its
 *                         models at {@code /models}, which costs no tokens
 */
@ConfigurationProperties("switchboard.probes")
record ProbeProperties(@DefaultValue("false") boolean enabled,
                       @DefaultValue("60s") Duration interval,
                       @DefaultValue("10s") Duration timeout,
                       @DefaultValue("3") int failuresToMarkDown,
                       @DefaultValue("/models") String path) {
}
