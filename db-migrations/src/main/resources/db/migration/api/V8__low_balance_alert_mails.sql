-- Low-balance alert mail: one row per crossing billing-service reported (its organisation and
-- crossing number), written in the transaction that mails the organisation's owners and admins.
-- The row is locked while the mails go out and `sent_at` is set before the commit, so a crossing
-- delivered twice on the stream (or read by two instances at once) is mailed once.
CREATE TABLE low_balance_alert_mails (
    org_id          uuid        NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    crossing        bigint      NOT NULL CHECK (crossing > 0),
    balance_nanos   bigint      NOT NULL,
    threshold_nanos bigint      NOT NULL CHECK (threshold_nanos >= 0),
    recipients      integer     NOT NULL DEFAULT 0 CHECK (recipients >= 0),
    received_at     timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    PRIMARY KEY (org_id, crossing)
);
