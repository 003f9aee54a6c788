package dev.switchboard.api.admin;

import java.math.BigDecimal;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.switchboard.api.identity.Usd;
import dev.switchboard.contracts.billing.CreditsView;

/**
 * The answer to a grant: {@code {"data":{"organization_id","amount_usd","total_credits","total_usage"}}},
 * the totals in USD as the ledger reports them after the grant (nanos / 10^9, exact).
 */
record GrantView(Data data) {

    static GrantView of(UUID orgId, long amountNanos, CreditsView credits) {
        return new GrantView(new Data(orgId, Usd.fromNanos(amountNanos),
                Usd.fromNanos(credits.totalCreditsNanos()), Usd.fromNanos(credits.totalUsageNanos())));
    }

    record Data(@JsonProperty("organization_id") UUID organizationId,
                @JsonProperty("amount_usd") BigDecimal amountUsd,
                @JsonProperty("total_credits") BigDecimal totalCredits,
                @JsonProperty("total_usage") BigDecimal totalUsage) {
    }
}
