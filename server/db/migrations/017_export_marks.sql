-- "Naar dossier": where each person's last export of a conversation to the record ended, so the next
-- "since the last export" starts after it. A store like the others, read by its id only.
CREATE TABLE "exportMarks" (id text COLLATE "C" PRIMARY KEY, doc jsonb NOT NULL);
