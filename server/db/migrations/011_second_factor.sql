-- When the organisation's second-factor requirement was last switched on: until enrolment links go to
-- the person's own mailbox, only a session begun before it may enrol an authenticator.
ALTER TABLE org_settings ADD COLUMN require_totp_since timestamptz;
-- The session an enrolment was started in: only that session can confirm it.
ALTER TABLE credentials ADD COLUMN totp_pending_session text;
