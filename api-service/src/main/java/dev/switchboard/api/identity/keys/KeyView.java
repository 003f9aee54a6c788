package dev.switchboard.api.identity.keys;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.switchboard.api.identity.Usd;

/**
 * One key in OpenRouter's shape ({@code /api/v1/keys} items). Amounts are exact USD decimals of the
 * nano counters in {@link KeyUsage}; {@code limit_remaining} is what the current limit period has
 * left. {@code workspace_id} is the key's organisation.
 */
record KeyView(String hash,
               String name,
               String label,
               boolean disabled,
               BigDecimal limit,
               @JsonProperty("limit_remaining") BigDecimal limitRemaining,
               @JsonProperty("limit_reset") String limitReset,
               @JsonProperty("include_byok_in_limit") boolean includeByokInLimit,
               @JsonProperty("is_management_key") boolean isManagementKey,
               BigDecimal usage,
               @JsonProperty("usage_daily") BigDecimal usageDaily,
               @JsonProperty("usage_weekly") BigDecimal usageWeekly,
               @JsonProperty("usage_monthly") BigDecimal usageMonthly,
               @JsonProperty("byok_usage") BigDecimal byokUsage,
               @JsonProperty("byok_usage_daily") BigDecimal byokUsageDaily,
               @JsonProperty("byok_usage_weekly") BigDecimal byokUsageWeekly,
               @JsonProperty("byok_usage_monthly") BigDecimal byokUsageMonthly,
               @JsonProperty("created_at") String createdAt,
               @JsonProperty("updated_at") String updatedAt,
               @JsonProperty("expires_at") String expiresAt,
               @JsonProperty("creator_user_id") String creatorUserId,
               @JsonProperty("workspace_id") String workspaceId) {

    static KeyView of(ApiKey key, KeyUsage usage) {
        BigDecimal limit = key.limitNanos() == null ? null : Usd.fromNanos(key.limitNanos());
        Long remaining = usage.remainingNanos(key);
        return new KeyView(key.hash(), key.name(), key.label(), key.disabled(), limit,
                remaining == null ? null : Usd.fromNanos(remaining), key.limitReset(),
                key.includeByokInLimit(), key.management(), Usd.fromNanos(usage.totalNanos()),
                Usd.fromNanos(usage.dailyNanos()), Usd.fromNanos(usage.weeklyNanos()), Usd.fromNanos(usage.monthlyNanos()),
                Usd.fromNanos(usage.byokNanos()), Usd.fromNanos(usage.byokDailyNanos()),
                Usd.fromNanos(usage.byokWeeklyNanos()), Usd.fromNanos(usage.byokMonthlyNanos()),
                timestamp(key.createdAt()), timestamp(key.updatedAt()), timestamp(key.expiresAt()),
                key.creatorUserId().toString(), key.orgId().toString());
    }

    /** ISO-8601 in UTC to the second, as OpenRouter writes them ({@code 2025-08-24T10:30:00Z}). */
    static String timestamp(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
