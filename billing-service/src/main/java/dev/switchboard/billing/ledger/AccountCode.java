package dev.switchboard.billing.ledger;

import java.util.UUID;

/**
 * The unique code of a ledger account: {@code org:<uuid>} for an organisation's credits, or one of
 * the platform accounts the migration creates.
 */
public record AccountCode(String value) {

    /** Where operator grants come from. */
    public static final AccountCode GRANTS = new AccountCode("platform:grants");
    /** Where purchased credits come from and refunds go back to. */
    public static final AccountCode STRIPE = new AccountCode("platform:stripe");
    /** What usage owes the upstream providers. */
    public static final AccountCode UPSTREAM = new AccountCode("platform:upstream");
    /** The platform fee on platform-key usage. */
    public static final AccountCode FEES = new AccountCode("platform:fees");
    /** The BYOK fee on bring-your-own-key usage. */
    public static final AccountCode BYOK_FEES = new AccountCode("platform:byok_fees");

    public static AccountCode org(UUID orgId) {
        return new AccountCode("org:" + orgId);
    }

    @Override
    public String toString() {
        return value;
    }
}
