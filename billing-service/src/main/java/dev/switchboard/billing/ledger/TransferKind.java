package dev.switchboard.billing.ledger;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why money moved; the database stores {@link #code()}. */
public enum TransferKind {
    GRANT("grant", null),
    PURCHASE("purchase", null),
    REFUND("refund", null),
    USAGE_UPSTREAM("usage_upstream", "upstream"),
    USAGE_FEE("usage_fee", "fee"),
    USAGE_BYOK_FEE("usage_byok_fee", "byok_fee");

    private final String code;
    /** For usage legs: the suffix of the leg's transfer id, {@code <generationId>:<leg>}. */
    private final String leg;

    TransferKind(String code, String leg) {
        this.code = code;
        this.leg = leg;
    }

    @JsonValue
    public String code() {
        return code;
    }

    /** The transfer id of this usage leg of a generation; the generation id makes redelivery harmless. */
    public String legId(String generationId) {
        if (leg == null) {
            throw new IllegalStateException(code + " is not a usage leg");
        }
        return generationId + ":" + leg;
    }

    /**
     * Whether {@code transferId} has the form of a usage leg's id. Transfer ids share one key space,
     * so other transfers must not take such an id: a usage leg arriving later would be taken for a
     * redelivery and silently not posted.
     */
    static boolean looksLikeUsageLeg(String transferId) {
        for (TransferKind kind : values()) {
            if (kind.leg != null && transferId.endsWith(":" + kind.leg)) {
                return true;
            }
        }
        return false;
    }

    static TransferKind ofCode(String code) {
        for (TransferKind kind : values()) {
            if (kind.code.equals(code)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown transfer kind " + code);
    }
}
