package dev.switchboard.billing.ledger;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why money moved; the database stores {@link #code()}. */
public enum TransferKind {
    GRANT("grant"),
    PURCHASE("purchase"),
    REFUND("refund"),
    USAGE_UPSTREAM("usage_upstream"),
    USAGE_FEE("usage_fee"),
    USAGE_BYOK_FEE("usage_byok_fee");

    private final String code;

    TransferKind(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
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
