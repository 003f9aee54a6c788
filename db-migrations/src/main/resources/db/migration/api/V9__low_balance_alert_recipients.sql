-- Low-balance alert mail, per recipient: a row for each owner or admin whose mail of a crossing the
-- SMTP server accepted, written in the transaction that sent it. A delivery that failed for one
-- address (and is retried) mails only the recipients without a row, never one that already has it.
CREATE TABLE low_balance_alert_recipients (
    org_id   uuid        NOT NULL,
    crossing bigint      NOT NULL,
    email    text        NOT NULL,
    sent_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, crossing, email),
    FOREIGN KEY (org_id, crossing) REFERENCES low_balance_alert_mails (org_id, crossing) ON DELETE CASCADE
);
