package dev.switchboard.api.identity.keys;

import java.math.BigDecimal;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.switchboard.api.identity.Usd;

/**
 * {@code GET /api/v1/key}: the calling key in OpenRouter's shape, with its usage counters (see
 * {@link KeyUsage}). {@code rate_limit} is deprecated upstream and kept only
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

    static CurrentKeyView of(ApiKey key, KeyUsage usage) {
        BigDecimal limit = key.limitNanos() == null ? null : Usd.fromNanos(key.limitNanos());
        Long remaining = usage.remainingNanos(key);
        return new CurrentKeyView(key.label(), limit, remaining == null ? null : Usd.fromNanos(remaining),
                key.limitReset(), key.includeByokInLimit(),
                Usd.fromNanos(usage.totalNanos()), Usd.fromNanos(usage.dailyNanos()), Usd.fromNanos(usage.weeklyNanos()),
                Usd.fromNanos(usage.monthlyNanos()), Usd.fromNanos(usage.byokNanos()), Usd.fromNanos(usage.byokDailyNanos()),
                Usd.fromNanos(usage.byokWeeklyNanos()), Usd.fromNanos(usage.byokMonthlyNanos()), false, key.management(), key.management(),
                KeyView.timestamp(key.expiresAt()), key.creatorUserId().toString(), NO_RATE_LIMIT);
    }
}
