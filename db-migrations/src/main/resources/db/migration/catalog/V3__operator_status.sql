-- Operator switches: a model may also be marked down (its endpoints stop being routed, it stays
-- listed), and every status change keeps the operator's reason and time, so "why is this off?" has
-- an answer in the table rather than in someone's memory.
ALTER TABLE model DROP CONSTRAINT model_status_check;
ALTER TABLE model ADD CONSTRAINT model_status_check CHECK (status IN ('active', 'disabled', 'down'));

ALTER TABLE provider ADD COLUMN status_reason text;
ALTER TABLE provider ADD COLUMN status_changed_at timestamptz;
ALTER TABLE model ADD COLUMN status_reason text;
ALTER TABLE model ADD COLUMN status_changed_at timestamptz;
ALTER TABLE endpoint ADD COLUMN status_reason text;
ALTER TABLE endpoint ADD COLUMN status_changed_at timestamptz;

DO $$
BEGIN
    ASSERT (SELECT count(*) FROM pg_constraint WHERE conname = 'model_status_check') = 1,
        'model status constraint replaced exactly once';
END
$$;
