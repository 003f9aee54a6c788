-- Bring-your-own-key provider credentials, per organisation (OpenRouter's /api/v1/byok).
--
-- The provider key is stored only encrypted: AES-256-GCM under the master key named by
-- master_key_id (configuration, never in the database), a fresh 96-bit nonce per encryption, and
-- associated data binding the ciphertext to its organisation and row id, so a ciphertext copied to
-- another row or organisation does not decrypt. Rotation re-encrypts rows under the active master key.
CREATE TABLE byok_keys (
    id            uuid        PRIMARY KEY,
    org_id        uuid        NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    provider      text        NOT NULL CHECK (provider ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
    name          text        CHECK (name <> ''),
    -- The masked key shown to the owner, e.g. "sk-…abcd"; never enough of the key to use it.
    label         text        NOT NULL,
    -- prioritized: before platform capacity; fallback: after it; always: platform capacity is not used
    -- for this provider at all.
    priority      text        NOT NULL CHECK (priority IN ('prioritized', 'fallback', 'always')),
    disabled      boolean     NOT NULL DEFAULT false,
    -- A self-hosted server's address; only public addresses unless the operator allows private ones.
    base_url      text        CHECK (base_url ~ '^https?://'),
    master_key_id text        NOT NULL CHECK (master_key_id ~ '^[A-Za-z0-9_-]{1,64}$'),
    nonce         bytea       NOT NULL CHECK (length(nonce) = 12),
    ciphertext    bytea       NOT NULL CHECK (length(ciphertext) > 16),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz
);
CREATE INDEX byok_keys_org ON byok_keys (org_id, created_at, id);
-- Rotation finds the rows still under an older master key.
CREATE INDEX byok_keys_master_key ON byok_keys (master_key_id);

-- Generation lists and activity read an organisation's records by time; per-key usage counters read
-- one key's charged generations by time (generations_key_created, V2).
CREATE INDEX generations_org_model_created ON generations (org_id, model, created_at DESC);
