package dev.switchboard.api.identity.keys;

import java.math.BigDecimal;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.switchboard.api.identity.Usd;

/**
 * {@code GET /api/v1/key}: the calling key in OpenRouter's shape. Usage counters are zero until
 * usage is read from the ledger (issue 6). {@code rate_limit} is deprecated upstream and kept only
 * because SDKs still expect the field.
 */
record CurrentKeyView(String label,
                      BigDecimal limit,
                      @JsonProperty("limit_remaining") BigDecimal limitRemaining,
                      @JsonProperty("limit_reset") String limitReset,
                      @JsonProperty("include_byok_in_limit") boolean includeByokInLimit,
                      BigDecimal usage,
                      @JsonProperty("usage_daily") BigDecimal usageDaily,
                      @JsonProperty("usage_weekly") BigDecimal usageWeekly,
                      @JsonProperty("usage_monthly") BigDecimal usageMonthly,
                      @JsonProperty("byok_usage") BigDecimal byokUsage,
                      @JsonProperty("byok_usage_daily") BigDecimal byokUsageDaily,
                      @JsonProperty("byok_usage_weekly") BigDecimal byokUsageWeekly,
                      @JsonProperty("byok_usage_monthly") BigDecimal byokUsageMonthly,
                      @JsonProperty("is_free_tier") boolean isFreeTier,
                      @JsonProperty("is_management_key") boolean isManagementKey,
                      @JsonProperty("is_provisioning_key") boolean isProvisioningKey,
                      @JsonProperty("expires_at") String expiresAt,
                      @JsonProperty("creator_user_id") String creatorUserId,
                      @JsonProperty("rate_limit") Map<String, Object> rateLimit) {

    private static final Map<String, Object> NO_RATE_LIMIT =
            Map.of("requests", -1, "interval", "10s", "note", "This field is deprecated and safe to ignore.");

    static CurrentKeyView of(ApiKey key) {
        BigDecimal limit = key.limitNanos() == null ? null : Usd.fromNanos(key.limitNanos());
        BigDecimal zero = BigDecimal.ZERO;
        return new CurrentKeyView(key.label(), limit, limit, key.limitReset(), key.includeByokInLimit(),
                zero, zero, zero, zero, zero, zero, zero, zero, false, key.management(), key.management(),
                KeyView.timestamp(key.expiresAt()), key.creatorUserId().toString(), NO_RATE_LIMIT);
    }
}
