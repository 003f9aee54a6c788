-- The low-balance alert: once per crossing of the organisation's balance from above its
-- `low_balance_alert_nanos` to at or below it, an alert is recorded here and appended to the Redis
-- stream that api-service mails from.
--
-- The latch works like auto top-up's: `armed` is cleared when a crossing fires and set again once the
-- balance is seen above the threshold; `crossings` numbers the firings. Existing rows start disarmed,
-- so a balance already below its threshold when this ships sends nothing until it has risen above it.
ALTER TABLE credit_settings
    ADD COLUMN low_balance_alert_armed     BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN low_balance_alert_crossings BIGINT  NOT NULL DEFAULT 0;

-- The outbox: a crossing is written here in the statement that claims it, and `published_at` is set
-- only after the stream has it. A row still unpublished (a crash, Redis away) is appended again on the
-- organisation's next balance change and at every start, so no crossing is lost; api-service ignores
-- a crossing it has already mailed.
CREATE TABLE low_balance_alerts (
    org_id          UUID        NOT NULL,
    crossing        BIGINT      NOT NULL CHECK (crossing > 0),
    balance_nanos   BIGINT      NOT NULL,
    threshold_nanos BIGINT      NOT NULL CHECK (threshold_nanos >= 0),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at    TIMESTAMPTZ,
    PRIMARY KEY (org_id, crossing),
    CONSTRAINT low_balance_alerts_at_or_below CHECK (balance_nanos <= threshold_nanos)
);

CREATE INDEX low_balance_alerts_unpublished ON low_balance_alerts (created_at) WHERE published_at IS NULL;

DO
$$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                   WHERE table_schema = current_schema() AND table_name = 'credit_settings'
                     AND column_name = 'low_balance_alert_nanos') THEN
        RAISE EXCEPTION 'low-balance alert migration: credit_settings must hold the alert threshold';
    END IF;
END;
$$;
