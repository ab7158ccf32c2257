-- R20: photos and documents of messages. The records (who sent what, its hash) are a store like the
-- others; the bytes live in a table of their own (server/attachments/sql-files.ts), so an object store can
-- take them over later without touching the records.
CREATE TABLE "attachments" (id text COLLATE "C" PRIMARY KEY, doc jsonb NOT NULL);
CREATE INDEX "attachments__byMessage" ON "attachments" (((doc->>'messageId') COLLATE "C"), ((doc->>'createdAt') COLLATE "C"), id);

CREATE TABLE attachment_files (
  id text COLLATE "C" PRIMARY KEY,
  type text NOT NULL,
  bytes bytea NOT NULL,
  thumbnail_type text,
  thumbnail bytea,
  created_at timestamptz NOT NULL DEFAULT now()
);
