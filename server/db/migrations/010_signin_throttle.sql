-- Sign-in attempts per throttle key (an account, an address, the pair of both; stored only as SHA-256
-- hashes): how many in the current run and when the last one was let through. An attempt is counted
-- when it is let through, before its password is checked, so parallel attempts cannot all get past.
DROP TABLE signin_failures;
CREATE TABLE signin_throttle (
  key_hash text COLLATE "C" PRIMARY KEY,
  attempts integer NOT NULL,
  last_at timestamptz NOT NULL
);
CREATE INDEX signin_throttle_by_age ON signin_throttle (last_at);
-- Addresses an account signed in from successfully: attempts from them do not wait for the account's
-- own delay, so someone guessing that account's password elsewhere does not keep its owner out.
CREATE TABLE signin_known (
  key_hash text COLLATE "C" PRIMARY KEY,
  last_success timestamptz NOT NULL
);
CREATE INDEX signin_known_by_age ON signin_known (last_success);
