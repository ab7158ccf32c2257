-- Sign-in through an organisation's own OpenID provider (server/auth/oidc).

-- A sign-in between its start and the provider's callback: the state only as its SHA-256, the PKCE
-- verifier and the nonce sealed with the server's key, where to return, ten minutes at most.
CREATE TABLE oidc_flows (
  state_hash text COLLATE "C" PRIMARY KEY,
  org_id text COLLATE "C" NOT NULL,
  secrets text NOT NULL,
  return_url text NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX oidc_flows_expiry ON oidc_flows (expires_at);

-- The one-time code (`nz_code`) the callback hands to the extension or the widget: 60 seconds, once,
-- only its SHA-256 kept; with it the provider's refresh token (sealed) and session id, for the session.
CREATE TABLE oidc_codes (
  code_hash text COLLATE "C" PRIMARY KEY,
  professional_id text COLLATE "C" NOT NULL,
  org_id text COLLATE "C" NOT NULL,
  sid text,
  refresh_token text,
  expires_at timestamptz NOT NULL
);
CREATE INDEX oidc_codes_expiry ON oidc_codes (expires_at);

-- Who a provider's subject is: linked at the first sign-in, so a later change of e-mail address at the
-- provider does not switch people. One subject per account and issuer, one account per subject.
CREATE TABLE oidc_identities (
  issuer text COLLATE "C" NOT NULL,
  subject text COLLATE "C" NOT NULL,
  professional_id text COLLATE "C" NOT NULL,
  linked_at timestamptz NOT NULL,
  PRIMARY KEY (issuer, subject),
  UNIQUE (issuer, professional_id)
);

-- A session opened through a provider: which organisation's, the provider's session id (for
-- back-channel logout by `sid`), its refresh token (sealed) and when it last checked in with it.
ALTER TABLE sessions ADD COLUMN sso_org text COLLATE "C";
ALTER TABLE sessions ADD COLUMN sso_sid text COLLATE "C";
ALTER TABLE sessions ADD COLUMN sso_refresh text;
ALTER TABLE sessions ADD COLUMN sso_checked_at timestamptz;
CREATE INDEX sessions_by_sso_sid ON sessions (sso_org, sso_sid) WHERE sso_sid IS NOT NULL;
