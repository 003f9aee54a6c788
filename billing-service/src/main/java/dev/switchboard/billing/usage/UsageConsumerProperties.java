package dev.switchboard.billing.usage;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The usage stream consumer ({@code switchboard.billing.usage.*}).
 *
 * @param batchSize     entries read per XREADGROUP and posted per database transaction
 * @param pollInterval  the pause after a read that found nothing new; also bounds how long a stop takes.
 *                      Reads never BLOCK: Spring Data Redis opens a fresh connection for every blocking
 *                      read, which under load cost more CPU than the whole request it was posting.
 * @param linger        the pause after a batch smaller than {@code batchSize}, so that under load batches
 *                      grow instead of posting one event per transaction
 * @param claimIdle     an entry pending this long with another consumer is taken over: that consumer is
 *                      presumed dead (keep it well above the time a batch takes to post)
 * @param claimInterval how often pending entries of other consumers are looked at
 * @param retryBackoff  the pause after a failed cycle (Redis or PostgreSQL unreachable) before the next
 */
@ConfigurationProperties("switchboard.billing.usage")
record UsageConsumerProperties(
        @DefaultValue("100") int batchSize,
        @DefaultValue("100ms") Duration pollInterval,
        @DefaultValue("20ms") Duration linger,
        @DefaultValue("30s") Duration claimIdle,
        @DefaultValue("10s") Duration claimInterval,
        @DefaultValue("1s") Duration retryBackoff) {
}
