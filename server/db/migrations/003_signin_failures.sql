-- Refused sign-ins, per throttle key (an account's e-mail or a client address, stored only as a
-- SHA-256 hash), so that every server process on one database counts the same attempts.
CREATE TABLE signin_failures (
  key_hash text COLLATE "C" NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX signin_failures_by_key ON signin_failures (key_hash, at);
CREATE INDEX signin_failures_by_age ON signin_failures (at);
