-- R15: the conversations a session has opened (and audited). A live refresh of one of them in the
-- same session reads only what is new and is not a new read; a new session opens it again.
CREATE TABLE session_opened (
  session_hash text NOT NULL REFERENCES sessions (token_hash) ON DELETE CASCADE,
  conversation_id text COLLATE "C" NOT NULL,
  PRIMARY KEY (session_hash, conversation_id)
);
-- Idempotency answers hold what a replay needs, never contents: those kept before this version go.
DELETE FROM idempotency;
