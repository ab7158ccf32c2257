-- The mail queue: a mail is queued in the transaction of the command that causes it and sent by a
-- worker (server/mail/worker.ts). `payload` (recipient, subject, bodies) is encrypted with the
-- server's key, since invitations and resets carry one-time links, and is erased once the mail is sent.
CREATE TABLE mail_outbox (
  id text COLLATE "C" PRIMARY KEY,
  kind text NOT NULL,
  professional_id text COLLATE "C",
  org_id text COLLATE "C",
  payload text,
  created_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  locked_until timestamptz,
  sent_at timestamptz,
  failed_at timestamptz,
  last_error text
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at, id) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX mail_outbox_failed ON mail_outbox (org_id, failed_at) WHERE failed_at IS NOT NULL;

-- Password reset links (30 minutes, once); only the hash of the token is kept.
CREATE TABLE password_resets (
  token_hash text COLLATE "C" PRIMARY KEY,
  professional_id text COLLATE "C" NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX password_resets_person ON password_resets (professional_id);

-- A person's mail choices: language, and per list ('own' or a shared inbox's id) whether new messages are mailed.
CREATE TABLE mail_settings (
  professional_id text COLLATE "C" PRIMARY KEY,
  lang text NOT NULL DEFAULT 'nl',
  lists jsonb NOT NULL DEFAULT '{}'
);
ALTER TABLE org_settings ADD COLUMN notify_by_default boolean NOT NULL DEFAULT true;

-- A person's list with something new since `since`: one notification once the quiet period has passed
-- without them seeing it, however many messages came in it.
CREATE TABLE notify_pending (
  professional_id text COLLATE "C" NOT NULL,
  list_key text COLLATE "C" NOT NULL,
  since timestamptz NOT NULL,
  PRIMARY KEY (professional_id, list_key)
);
CREATE INDEX notify_pending_since ON notify_pending (since);
