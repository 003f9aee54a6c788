-- Organisations beyond the personal one: email invitations, password resets, a per-user session
-- version that lets one password reset end every session of that user, and logins through GitHub or
-- Google.

-- Bumped when the user's password is reset. Each browser session remembers the version it was signed
-- in under; a session whose version is behind is discarded on its next request.
ALTER TABLE users ADD COLUMN session_version bigint NOT NULL DEFAULT 0;

-- An invitation to join an organisation, mailed as a link. Only the SHA-256 (hex) of the link's token
-- is kept; the token itself exists only in the mail. Rows are never deleted: accepted, revoked and
-- expired invitations stay as the organisation's record of who was let in by whom.
CREATE TABLE invites (
    id             uuid        PRIMARY KEY,
    org_id         uuid        NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    email          text        NOT NULL CHECK (email = lower(btrim(email)) AND email <> ''),
    role           text        NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
    token_hash     char(64)    NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    invited_by     uuid        REFERENCES users (id) ON DELETE SET NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL,
    accepted_at    timestamptz,
    accepted_by    uuid        REFERENCES users (id) ON DELETE SET NULL,
    revoked_at     timestamptz,
    CHECK (accepted_at IS NULL OR revoked_at IS NULL)
);
CREATE INDEX invites_org ON invites (org_id, created_at);

-- A password-reset link's token, by SHA-256 (hex); single use, short-lived.
CREATE TABLE password_resets (
    token_hash     char(64)    PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    user_id        uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at     timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL,
    used_at        timestamptz
);
CREATE INDEX password_resets_user ON password_resets (user_id);

-- An account created by a GitHub or Google login has no password until a password reset sets one;
-- a login with a password never matches it.
ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL;

-- A login provider's account linked to a user: the provider's registration id (github, google, …) and
-- its stable id for the person ("sub", or GitHub's numeric id), never the address, which can change.
CREATE TABLE external_identities (
    provider       text        NOT NULL CHECK (provider <> ''),
    subject        text        NOT NULL CHECK (subject <> ''),
    user_id        uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, subject)
);
CREATE INDEX external_identities_user ON external_identities (user_id);
