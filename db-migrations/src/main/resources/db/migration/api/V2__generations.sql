-- Durable generation records, written by the api-service from the usage stream (batched, off the
-- request's latency path). One row per generation id: re-delivery of the same event is a no-op.
-- Money columns are nano-USD (1 USD = 1e9), prices exact decimals of USD per token.
CREATE TABLE generations (
    id                     TEXT PRIMARY KEY,
    org_id                 UUID        NOT NULL,
    user_id                UUID,
    api_key_hash           TEXT,
    model                  TEXT        NOT NULL,
    provider               TEXT        NOT NULL,
    endpoint_id            TEXT,
    upstream_model_id      TEXT,
    byok                   BOOLEAN     NOT NULL DEFAULT FALSE,
    streamed               BOOLEAN     NOT NULL,
    cancelled              BOOLEAN     NOT NULL,
    finish_reason          TEXT,
    prompt_tokens          BIGINT      NOT NULL CHECK (prompt_tokens >= 0),
    completion_tokens      BIGINT      NOT NULL CHECK (completion_tokens >= 0),
    cached_prompt_tokens   BIGINT      NOT NULL DEFAULT 0 CHECK (cached_prompt_tokens >= 0),
    cache_write_tokens     BIGINT      NOT NULL DEFAULT 0 CHECK (cache_write_tokens >= 0),
    reasoning_tokens       BIGINT      NOT NULL DEFAULT 0 CHECK (reasoning_tokens >= 0),
    prompt_price           NUMERIC     NOT NULL,
    completion_price       NUMERIC     NOT NULL,
    request_price          NUMERIC     NOT NULL DEFAULT 0,
    cache_read_price       NUMERIC     NOT NULL DEFAULT 0,
    cache_write_price      NUMERIC     NOT NULL DEFAULT 0,
    list_cost_nanos        BIGINT      NOT NULL CHECK (list_cost_nanos >= 0),
    upstream_cost_nanos    BIGINT      NOT NULL CHECK (upstream_cost_nanos >= 0),
    platform_fee_nanos     BIGINT      NOT NULL CHECK (platform_fee_nanos >= 0),
    byok_fee_nanos         BIGINT      NOT NULL CHECK (byok_fee_nanos >= 0),
    total_nanos            BIGINT      NOT NULL CHECK (total_nanos >= 0),
    held_nanos             BIGINT      NOT NULL DEFAULT 0,
    latency_ms             BIGINT      NOT NULL DEFAULT 0,
    generation_time_ms     BIGINT      NOT NULL DEFAULT 0,
    time_to_first_token_ms BIGINT      NOT NULL DEFAULT 0,
    origin                 TEXT,
    created_at             TIMESTAMPTZ NOT NULL,
    completed_at           TIMESTAMPTZ NOT NULL,
    CONSTRAINT generation_total_is_sum_of_legs
        CHECK (total_nanos = upstream_cost_nanos + platform_fee_nanos + byok_fee_nanos)
);

CREATE INDEX generations_org_created ON generations (org_id, created_at DESC);
CREATE INDEX generations_key_created ON generations (api_key_hash, created_at DESC) WHERE api_key_hash IS NOT NULL;
