package dev.switchboard.api.ratelimit;

import java.math.BigDecimal;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Request allowances for {@code :free} models, per organisation (OpenRouter's rules).
 *
 * @param perMinute           requests per UTC minute
 * @param perDay              requests per UTC day while the organisation has bought less than the threshold
 * @param perDayAfterPurchase requests per UTC day once it has bought at least the threshold
 * @param purchaseThresholdUsd purchases (net of refunds, grants excluded) that raise the daily allowance
 * @param purchaseCacheTtl    how long an instance trusts what it last read of an organisation's purchases
 */
@ConfigurationProperties("switchboard.free-models")
public record FreeModelProperties(@DefaultValue("20") int perMinute,
                                  @DefaultValue("50") int perDay,
                                  @DefaultValue("1000") int perDayAfterPurchase,
                                  @DefaultValue("10") BigDecimal purchaseThresholdUsd,
                                  @DefaultValue("60s") Duration purchaseCacheTtl) {

    public FreeModelProperties {
        if (perMinute < 1 || perDay < 1 || perDayAfterPurchase < perDay) {
            throw new IllegalArgumentException("free-model allowances must be positive, and the purchased one no smaller");
        }
    }
}
