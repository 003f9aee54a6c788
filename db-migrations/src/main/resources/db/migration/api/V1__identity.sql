-- Identity: users, organisations, memberships and API keys (schema "api", owned by api-service).
-- Credits live in billing-service's ledger, keyed by organisation id; there are no foreign keys across
-- schemas.

CREATE TABLE users (
    id            uuid        PRIMARY KEY,
    -- Stored trimmed and lower-cased: an address is one account whatever case it is typed in.
    email         text        NOT NULL CHECK (email = lower(btrim(email)) AND email <> ''),
    -- Spring Security's delegating format, "{bcrypt}$2a$…", so the algorithm can change later.
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (email);

CREATE TABLE organizations (
    id            uuid        PRIMARY KEY,
    name          text        NOT NULL CHECK (name <> ''),
    -- The user whose personal organisation this is (each user has exactly one); null for shared ones.
    personal_for  uuid        UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE memberships (
    org_id        uuid        NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id       uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role          text        NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

-- An API key is stored only as the SHA-256 (hex) of the whole key string; the key itself is shown
-- once, in the response that creates it.
CREATE TABLE api_keys (
    hash                  char(64)    PRIMARY KEY CHECK (hash ~ '^[0-9a-f]{64}$'),
    org_id                uuid        NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    creator_user_id       uuid        NOT NULL REFERENCES users (id),
    name                  text        NOT NULL CHECK (name <> ''),
    label                 text        NOT NULL,
    is_management_key     boolean     NOT NULL DEFAULT false,
    disabled              boolean     NOT NULL DEFAULT false,
    -- Credit limit in nano-USD; null means unlimited.
    limit_nanos           bigint      CHECK (limit_nanos >= 0),
    limit_reset           text        CHECK (limit_reset IN ('daily', 'weekly', 'monthly')),
    include_byok_in_limit boolean     NOT NULL DEFAULT false,
    expires_at            timestamptz,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz
);
CREATE INDEX api_keys_org ON api_keys (org_id, created_at);
