-- The record API's systems (SMART Backend Services, server/fhir/smart.ts). A client assertion is used
-- once: its `jti` is kept until the assertion expires. An access token lives five minutes; only its
-- SHA-256 is kept, as with sessions.
CREATE TABLE fhir_assertions (
  client_id text COLLATE "C" NOT NULL,
  jti text COLLATE "C" NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (client_id, jti)
);

CREATE TABLE fhir_tokens (
  token_hash text COLLATE "C" PRIMARY KEY,
  client_id text COLLATE "C" NOT NULL,
  org_id text COLLATE "C" NOT NULL,
  scopes text NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX fhir_tokens_expiry ON fhir_tokens (expires_at);
