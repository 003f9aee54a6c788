-- Upstream attempts reported by the api-service, kept one day: the availability windows (uptime over
-- 5 min, 30 min, 1 day; latency and throughput percentiles over 30 min) are computed from these rows,
-- so they survive a restart. Requests refused as the caller's fault (400, 413, 429) are not stored:
-- they count neither as success nor as failure.
CREATE TABLE attempt (
    endpoint_id   uuid        NOT NULL REFERENCES endpoint (id),
    started_at    timestamptz NOT NULL,
    success       boolean     NOT NULL,
    ttft_ms       integer CHECK (ttft_ms >= 0),
    duration_ms   integer     NOT NULL CHECK (duration_ms >= 0),
    output_tokens integer     NOT NULL CHECK (output_tokens >= 0)
);

CREATE INDEX attempt_by_time ON attempt (started_at, endpoint_id);
