package dev.switchboard.contracts;

import java.util.UUID;

/**
 * The Redis keys the services share, under one configurable prefix ({@code switchboard.redis.prefix},
 * default {@code sb:}) so that two platforms, or two test runs, can share one Redis.
 *
 * @param prefix ends with a colon
 */
public record RedisKeys(String prefix) {

    /** Consumer group of billing-service on {@link #usageStream()}. */
    public static final String BILLING_GROUP = "billing";
    /** Consumer group of api-service (generation records) on {@link #usageStream()}. */
    public static final String GENERATIONS_GROUP = "generations";
    /** The field of a usage stream entry that holds the {@code UsageEvent} as JSON. */
    public static final String USAGE_FIELD = "event";
    /**
     * The second field of a usage stream entry, read by the api-service only: the routing report
     * ({@code provider_responses} and {@code routing}) as JSON, {@code {}} when there is none.
     */
    public static final String ROUTE_FIELD = "route";
    /** Consumer group of api-service (alert mail) on {@link #lowBalanceAlerts()}. */
    public static final String ALERT_MAIL_GROUP = "alert-mail";
    /** The field of a low-balance alert stream entry that holds the {@code LowBalanceAlert} as JSON. */
    public static final String ALERT_FIELD = "alert";

    /** String: the organisation's spendable balance in nanos (ledger balance minus settled, not yet posted usage). */
    public String balance(UUID orgId) {
        return prefix + "bal:" + orgId;
    }

    /** String: the sum of the organisation's open holds, in nanos. */
    public String held(UUID orgId) {
        return prefix + "held:" + orgId;
    }

    /** Hash: generation id → held nanos, for the organisation's open holds. */
    public String holds(UUID orgId) {
        return prefix + "holds:" + orgId;
    }

    /** Sorted set: {@code orgId|generationId} scored by the hold's expiry (epoch ms). */
    public String holdExpiries() {
        return prefix + "holdexp";
    }

    /** String with TTL: set once a generation has been settled, so a second settle is a no-op. */
    public String settled(String generationId) {
        return prefix + "settled:" + generationId;
    }

    /** Set: ids of ledger transfers already added to {@link #balance(UUID)} (credits are applied once). */
    public String credited(UUID orgId) {
        return prefix + "credited:" + orgId;
    }

    /** Stream of settled generations ({@code UsageEvent} JSON in field {@link #USAGE_FIELD}). */
    public String usageStream() {
        return prefix + "usage";
    }

    /**
     * Stream of low-balance alerts ({@code LowBalanceAlert} JSON in field {@link #ALERT_FIELD}), appended
     * by billing-service once per crossing (possibly more than once after a crash: the crossing number
     * makes delivery idempotent) and read by api-service, which mails the organisation's owners and admins.
     */
    public String lowBalanceAlerts() {
        return prefix + "alerts:low-balance";
    }

    /** Pub/sub channel: the catalog published a new snapshot version. */
    public String catalogChanged() {
        return prefix + "catalog:changed";
    }
}
