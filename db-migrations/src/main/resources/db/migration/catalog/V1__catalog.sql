-- The catalog: providers, models, endpoints (model x provider x upstream id) and effective-dated
-- prices. Prices are exact decimals in USD per token (numeric without scale: no rounding on store).

CREATE TABLE provider (
    slug             text PRIMARY KEY CHECK (slug ~ '^[a-z0-9]+$'),
    name             text        NOT NULL,
    api_style        text        NOT NULL
        CHECK (api_style IN ('openai', 'anthropic', 'gemini', 'azure', 'openai-compatible', 'simulated')),
    base_url         text        NOT NULL,
    simulated        boolean     NOT NULL DEFAULT false,
    trains_on_data   boolean     NOT NULL,
    retains_prompts  boolean     NOT NULL,
    retention_days   integer CHECK (retention_days >= 0),
    policy_source    text        NOT NULL CHECK (policy_source IN ('terms', 'default')),
    status           text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled', 'down')),
    created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE model (
    id                   text PRIMARY KEY,
    canonical_slug       text        NOT NULL,
    name                 text        NOT NULL,
    created              bigint      NOT NULL,
    description          text        NOT NULL,
    context_length       bigint      NOT NULL CHECK (context_length > 0),
    modality             text,
    input_modalities     text[]      NOT NULL,
    output_modalities    text[]      NOT NULL,
    tokenizer            text,
    instruct_type        text,
    is_moderated         boolean     NOT NULL DEFAULT false,
    supported_parameters text[]      NOT NULL,
    status               text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    created_at           timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE endpoint (
    id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    model_id              text        NOT NULL REFERENCES model (id),
    provider              text        NOT NULL REFERENCES provider (slug),
    upstream_model_id     text        NOT NULL,
    context_length        bigint      NOT NULL CHECK (context_length > 0),
    max_completion_tokens bigint CHECK (max_completion_tokens > 0),
    quantization          text,
    supported_parameters  text[]      NOT NULL,
    status                text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled', 'down')),
    created_at            timestamptz NOT NULL DEFAULT now(),
    UNIQUE (model_id, provider, upstream_model_id)
);

CREATE INDEX endpoint_provider ON endpoint (provider);

-- One row per price change. The price in force for a request starting at t is the row with the
-- latest effective_from <= t; rows are never updated or deleted, so a generation that recorded a
-- price id can always be explained.
CREATE TABLE price (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    endpoint_id    uuid        NOT NULL REFERENCES endpoint (id),
    effective_from timestamptz NOT NULL,
    prompt         numeric     NOT NULL CHECK (prompt >= 0),
    completion     numeric     NOT NULL CHECK (completion >= 0),
    cache_read     numeric     NOT NULL CHECK (cache_read >= 0),
    cache_write    numeric     NOT NULL CHECK (cache_write >= 0),
    request        numeric     NOT NULL CHECK (request >= 0),
    image          numeric     NOT NULL CHECK (image >= 0),
    created_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (endpoint_id, effective_from)
);

CREATE FUNCTION price_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'price rows are history: add a row with a later effective_from instead of % ', TG_OP;
END
$$;

CREATE TRIGGER price_append_only
    BEFORE UPDATE OR DELETE ON price
    FOR EACH ROW EXECUTE FUNCTION price_is_append_only();
