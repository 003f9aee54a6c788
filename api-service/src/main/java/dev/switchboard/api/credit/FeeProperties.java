package dev.switchboard.api.credit;

import java.math.BigDecimal;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Fees and hold settings.
 *
 * @param platformPercent fee on the upstream cost of platform-key usage (default 5 %)
 * @param byokPercent     fee on the list-price cost of BYOK usage (default 5 %)
 * @param holdTtl         how long an unsettled hold keeps credit reserved before the sweeper frees it
 */
@ConfigurationProperties("switchboard.fees")
public record FeeProperties(@DefaultValue("5") BigDecimal platformPercent,
                            @DefaultValue("5") BigDecimal byokPercent,
                            @DefaultValue("15m") Duration holdTtl) {

    public FeeProperties {
        if (platformPercent.signum() < 0 || byokPercent.signum() < 0) {
            throw new IllegalArgumentException("fees cannot be negative");
        }
    }
}
