-- Credits bought through Stripe: the purchases (what was asked for, what Stripe says happened), the
-- webhook events already handled, and each organisation's credit settings (low-balance alert, auto
-- top-up and its saved payment method).
--
-- Purchases are facts about Stripe, updated as webhooks arrive; the money itself only ever moves in
-- the append-only ledger (`transfers`), whose ids derive from the purchase id so each movement is
-- posted once: `purchase:<id>` credits the amount, `refund:<id>:<refunded cents>` reverses a refund.

CREATE TABLE purchases (
    id                TEXT PRIMARY KEY CHECK (id LIKE 'pur\_%'),
    org_id            UUID        NOT NULL,
    origin            TEXT        NOT NULL CHECK (origin IN ('checkout', 'auto_topup')),
    -- What the organisation is credited, never including the fee.
    amount_nanos      BIGINT      NOT NULL CHECK (amount_nanos > 0),
    fee_nanos         BIGINT      NOT NULL CHECK (fee_nanos >= 0),
    -- What Stripe charges: amount plus fee, in cents.
    charged_cents     BIGINT      NOT NULL CHECK (charged_cents > 0),
    status            TEXT        NOT NULL CHECK (status IN ('pending', 'paid', 'failed')),
    session_id        TEXT UNIQUE,
    payment_intent_id TEXT UNIQUE,
    receipt_url       TEXT,
    -- Cumulative cents refunded, as Stripe last reported (only ever grows).
    refunded_cents    BIGINT      NOT NULL DEFAULT 0 CHECK (refunded_cents >= 0),
    -- Credits already reversed in the ledger for those refunds.
    reversed_nanos    BIGINT      NOT NULL DEFAULT 0 CHECK (reversed_nanos >= 0 AND reversed_nanos <= amount_nanos),
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    paid_at           TIMESTAMPTZ,
    CONSTRAINT purchases_charge_covers_amount CHECK (charged_cents * 10000000 >= amount_nanos + fee_nanos),
    CONSTRAINT purchases_refund_within_charge CHECK (refunded_cents <= charged_cents)
);

CREATE INDEX purchases_org_idx ON purchases (org_id, created_at DESC);

-- Every Stripe event id handled, recorded in the transaction that handles it.
CREATE TABLE stripe_events (
    id          TEXT PRIMARY KEY,
    type        TEXT        NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE credit_settings (
    org_id                  UUID PRIMARY KEY,
    low_balance_alert_nanos BIGINT CHECK (low_balance_alert_nanos >= 0),
    auto_topup_enabled      BOOLEAN     NOT NULL DEFAULT false,
    auto_topup_threshold_nanos BIGINT CHECK (auto_topup_threshold_nanos >= 0),
    auto_topup_amount_nanos BIGINT CHECK (auto_topup_amount_nanos > 0),
    stripe_customer_id      TEXT,
    payment_method_id       TEXT,
    -- Auto top-up fires once per crossing below the threshold: `armed` is cleared when it fires and
    -- set again once the balance is back at or above the threshold; `crossings` numbers the firings
    -- and names the Stripe idempotency key of each.
    auto_topup_armed        BOOLEAN     NOT NULL DEFAULT true,
    auto_topup_crossings    BIGINT      NOT NULL DEFAULT 0,
    updated_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT credit_settings_topup_complete CHECK (NOT auto_topup_enabled
        OR (auto_topup_threshold_nanos IS NOT NULL AND auto_topup_amount_nanos IS NOT NULL))
);

DO
$$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'transfers_kind_check'
                   AND pg_get_constraintdef(oid) LIKE '%purchase%refund%') THEN
        RAISE EXCEPTION 'stripe migration: the ledger must accept purchase and refund transfers';
    END IF;
END;
$$;
