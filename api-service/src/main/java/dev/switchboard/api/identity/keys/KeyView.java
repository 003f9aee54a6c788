package dev.switchboard.api.identity.keys;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.switchboard.api.identity.Usd;

/**
 * One key in OpenRouter's shape ({@code /api/v1/keys} items). Amounts are USD. The usage counters
 * are zero until usage is read from the ledger (issue 6), so {@code limit_remaining} equals
 * {@code limit}. {@code workspace_id} is the key's organisation.
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

    static KeyView of(ApiKey key) {
        BigDecimal limit = key.limitNanos() == null ? null : Usd.fromNanos(key.limitNanos());
        BigDecimal zero = BigDecimal.ZERO;
        return new KeyView(key.hash(), key.name(), key.label(), key.disabled(), limit, limit, key.limitReset(),
                key.includeByokInLimit(), key.management(), zero, zero, zero, zero, zero, zero, zero, zero,
                timestamp(key.createdAt()), timestamp(key.updatedAt()), timestamp(key.expiresAt()),
                key.creatorUserId().toString(), key.orgId().toString());
    }

    /** ISO-8601 in UTC to the second, as OpenRouter writes them ({@code 2025-08-24T10:30:00Z}). */
    static String timestamp(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
