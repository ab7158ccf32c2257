-- A session opened by a one-time link from the person's own mailbox (an invitation or a password reset):
-- it proved the mailbox, so where the organisation requires a second factor it may enrol one (R13).
ALTER TABLE sessions ADD COLUMN by_link boolean NOT NULL DEFAULT false;
