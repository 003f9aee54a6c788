-- The credit ledger: append-only double-entry bookkeeping in nano-USD (1 USD = 1,000,000,000 nanos).
--
-- Every transfer moves a positive amount from one account (debit) to another (credit), so the net
-- balances of all accounts always sum to zero. An account's balance is what was credited to it minus
-- what was debited from it: an organisation's account is credited by grants and purchases and debited
-- by usage and refunds. A transfer's id is its idempotency key; corrections are new reversing
-- transfers, never edits, which a trigger enforces.

CREATE TABLE accounts (
    code       TEXT PRIMARY KEY,
    kind       TEXT        NOT NULL CHECK (kind IN ('org', 'platform')),
    org_id     UUID UNIQUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT accounts_org_has_org_id CHECK ((kind = 'org') = (org_id IS NOT NULL)),
    CONSTRAINT accounts_org_code CHECK (kind <> 'org' OR code = 'org:' || org_id::text),
    CONSTRAINT accounts_platform_code CHECK (kind <> 'platform' OR code LIKE 'platform:%')
);

-- The platform's side of every transfer: where grants come from, where Stripe money comes from and
-- refunds go to, and where usage is paid (upstream providers, platform fees, BYOK fees).
INSERT INTO accounts (code, kind) VALUES
    ('platform:grants', 'platform'),
    ('platform:stripe', 'platform'),
    ('platform:upstream', 'platform'),
    ('platform:fees', 'platform'),
    ('platform:byok_fees', 'platform');

CREATE TABLE transfers (
    id             TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 200),
    debit_account  TEXT        NOT NULL REFERENCES accounts (code),
    credit_account TEXT        NOT NULL REFERENCES accounts (code),
    amount_nanos   BIGINT      NOT NULL CHECK (amount_nanos > 0),
    kind           TEXT        NOT NULL CHECK (kind IN ('grant', 'purchase', 'refund',
                                                        'usage_upstream', 'usage_fee', 'usage_byok_fee')),
    generation_id  TEXT,
    note           TEXT,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT transfers_distinct_accounts CHECK (debit_account <> credit_account),
    CONSTRAINT transfers_usage_has_generation CHECK ((kind LIKE 'usage\_%') = (generation_id IS NOT NULL))
);

-- An organisation's credits and usage read its transfers from both sides, by kind.
CREATE INDEX transfers_debit_idx ON transfers (debit_account, kind) INCLUDE (amount_nanos);
CREATE INDEX transfers_credit_idx ON transfers (credit_account, kind) INCLUDE (amount_nanos);
-- The legs of one generation.
CREATE INDEX transfers_generation_idx ON transfers (generation_id) WHERE generation_id IS NOT NULL;

CREATE FUNCTION transfers_are_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'ledger transfers are append-only: % is refused; post a reversing transfer instead', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER transfers_no_update_or_delete
    BEFORE UPDATE OR DELETE ON transfers
    FOR EACH ROW EXECUTE FUNCTION transfers_are_append_only();

CREATE TRIGGER transfers_no_truncate
    BEFORE TRUNCATE ON transfers
    FOR EACH STATEMENT EXECUTE FUNCTION transfers_are_append_only();

-- The migration checks its own result: the guards exist and the platform accounts are in place.
DO
$$
DECLARE
    guards   INT;
    platform INT;
BEGIN
    SELECT count(*) INTO guards
    FROM pg_trigger t
    JOIN pg_class c ON c.oid = t.tgrelid
    WHERE c.oid = 'transfers'::regclass
      AND t.tgname IN ('transfers_no_update_or_delete', 'transfers_no_truncate')
      AND NOT t.tgisinternal;
    IF guards <> 2 THEN
        RAISE EXCEPTION 'ledger migration: expected 2 append-only triggers on transfers, found %', guards;
    END IF;

    SELECT count(*) INTO platform FROM accounts WHERE kind = 'platform';
    IF platform <> 5 THEN
        RAISE EXCEPTION 'ledger migration: expected 5 platform accounts, found %', platform;
    END IF;
END;
$$;
