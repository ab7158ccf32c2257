-- What only the server keeps: sign-in, sessions, account activation, settings,
-- idempotency answers. Never message text; tokens only as SHA-256 hashes.
CREATE TABLE credentials (
  professional_id text COLLATE "C" PRIMARY KEY,
  password_hash text,
  totp_secret text,
  totp_pending text,
  totp_last_step bigint,
  updated_at timestamptz NOT NULL
);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  professional_id text COLLATE "C" NOT NULL,
  created_at timestamptz NOT NULL,
  last_seen timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  -- Signed in, but the organisation requires TOTP and it is not set up yet.
  restricted boolean NOT NULL DEFAULT false,
  -- Set when the account was deactivated (R12): the session answers `account-inactive` from then on.
  revoked_at timestamptz
);
CREATE INDEX sessions_by_professional ON sessions (professional_id);

CREATE TABLE event_tickets (
  ticket_hash text PRIMARY KEY,
  session_hash text NOT NULL,
  professional_id text COLLATE "C" NOT NULL,
  expires_at timestamptz NOT NULL
);

CREATE TABLE account_setup (
  professional_id text COLLATE "C" PRIMARY KEY,
  created_by text COLLATE "C" NOT NULL,
  created_at timestamptz NOT NULL,
  link_issued_at timestamptz,
  token_hash text UNIQUE,
  token_expires_at timestamptz,
  used_at timestamptz
);

CREATE TABLE org_settings (
  org_id text COLLATE "C" PRIMARY KEY,
  require_totp boolean NOT NULL DEFAULT false
);

CREATE TABLE idempotency (
  actor_id text COLLATE "C" NOT NULL,
  key text COLLATE "C" NOT NULL,
  op text NOT NULL,
  request_hash text NOT NULL,
  answer text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (actor_id, key)
);
CREATE INDEX idempotency_by_created ON idempotency (created_at);
