package dev.switchboard.api.availability;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How upstream attempts travel to catalog-service.
 *
 * @param flushInterval how often queued attempts are sent, however few there are
 * @param batchSize     attempts per request to catalog-service; reaching it sends at once
 * @param queueSize     attempts held in memory at most; beyond it the oldest are dropped (and counted)
 * @param retries       further tries of a batch that failed, before it is dropped (and counted)
 * @param retryBackoff  the first pause between tries; it doubles with each retry
 */
@ConfigurationProperties("switchboard.availability")
public record AvailabilityProperties(@DefaultValue("1s") Duration flushInterval,
                                     @DefaultValue("200") int batchSize,
                                     @DefaultValue("10000") int queueSize,
                                     @DefaultValue("3") int retries,
                                     @DefaultValue("200ms") Duration retryBackoff) {

    public AvailabilityProperties {
        if (batchSize < 1 || queueSize < 1 || retries < 0) {
            throw new IllegalArgumentException("switchboard.availability: batch-size and queue-size must be positive, "
                    + "retries not negative");
        }
    }
}
