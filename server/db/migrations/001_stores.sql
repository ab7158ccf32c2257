-- Generated from INDEXES in lib/backend/store.ts by `npx tsx server/db/generate-schema.ts`.
-- One table per store; index fields are expressions over the JSON document.
CREATE TABLE "organisations" (id text COLLATE "C" PRIMARY KEY, doc jsonb NOT NULL);
CREATE TABLE "teams" (id text COLLATE "C" PRIMARY KEY, doc jsonb NOT NULL);
CREATE INDEX "teams__byOrg" ON "teams" (((doc->>'orgId') COLLATE "C"), id);
CREATE TABLE "professionals" (id text COLLATE "C" PRIMARY KEY, doc jsonb NOT NULL);
CREATE UNIQUE INDEX "professionals__byEmail" ON "professionals" (((doc->>'email') COLLATE "C"));
CREATE INDEX "professionals__byOrg" ON "professionals" (((doc->>'orgId') COLLATE "C"), id);
CREATE TABLE "inboxes" (id text COLLATE "C" PRIMARY KEY, doc jsonb NOT NULL);
CREATE INDEX "inboxes__byOrg" ON "inboxes" (((doc->>'orgId') COLLATE "C"), id);
CREATE INDEX "inboxes__byTeam" ON "inboxes" (((doc->>'teamId') COLLATE "C"), id);
CREATE TABLE "clients" (id text COLLATE "C" PRIMARY KEY, doc jsonb NOT NULL);
CREATE INDEX "clients__byBsn" ON "clients" (((doc->>'bsn') COLLATE "C"), id);
CREATE TABLE "clients__byOrg" (key text COLLATE "C" NOT NULL, id text COLLATE "C" NOT NULL, PRIMARY KEY (key, id));
CREATE INDEX "clients__byOrg_id" ON "clients__byOrg" (id);
CREATE FUNCTION "clients__byOrg_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "clients__byOrg" WHERE id = NEW.id;
  INSERT INTO "clients__byOrg" (key, id)
    SELECT DISTINCT k, NEW.id FROM jsonb_array_elements_text(
      CASE WHEN jsonb_typeof(NEW.doc->'orgIds') = 'array' THEN NEW.doc->'orgIds' ELSE '[]'::jsonb END) AS k;
  RETURN NULL;
END $$;
CREATE TRIGGER "clients__byOrg_sync" AFTER INSERT OR UPDATE ON "clients" FOR EACH ROW EXECUTE FUNCTION "clients__byOrg_sync"();
CREATE TABLE "consentTexts" (id text COLLATE "C" PRIMARY KEY, doc jsonb NOT NULL);
CREATE INDEX "consentTexts__byVersion" ON "consentTexts" (((doc->>'version')::numeric), id);
CREATE TABLE "consents" (id text COLLATE "C" PRIMARY KEY, doc jsonb NOT NULL);
CREATE INDEX "consents__byClient" ON "consents" (((doc->>'clientId') COLLATE "C"), ((doc->>'recordedAt') COLLATE "C"), id);
CREATE TABLE "networks" (id text COLLATE "C" PRIMARY KEY, doc jsonb NOT NULL);
CREATE INDEX "networks__byClient" ON "networks" (((doc->>'clientId') COLLATE "C"), ((doc->>'createdAt') COLLATE "C"), id);
CREATE TABLE "networks__byOrg" (key text COLLATE "C" NOT NULL, id text COLLATE "C" NOT NULL, PRIMARY KEY (key, id));
CREATE INDEX "networks__byOrg_id" ON "networks__byOrg" (id);
CREATE FUNCTION "networks__byOrg_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "networks__byOrg" WHERE id = NEW.id;
  INSERT INTO "networks__byOrg" (key, id)
    SELECT DISTINCT k, NEW.id FROM jsonb_array_elements_text(
      CASE WHEN jsonb_typeof(NEW.doc->'orgIds') = 'array' THEN NEW.doc->'orgIds' ELSE '[]'::jsonb END) AS k;
  RETURN NULL;
END $$;
CREATE TRIGGER "networks__byOrg_sync" AFTER INSERT OR UPDATE ON "networks" FOR EACH ROW EXECUTE FUNCTION "networks__byOrg_sync"();
CREATE TABLE "conversations" (id text COLLATE "C" PRIMARY KEY, doc jsonb NOT NULL);
CREATE INDEX "conversations__byNetwork" ON "conversations" (((doc->>'networkId') COLLATE "C"), ((doc->>'createdAt') COLLATE "C"), id);
CREATE TABLE "messages" (id text COLLATE "C" PRIMARY KEY, doc jsonb NOT NULL);
CREATE INDEX "messages__byConversation" ON "messages" (((doc->>'conversationId') COLLATE "C"), ((doc->>'createdAt') COLLATE "C"), id);
CREATE TABLE "inboxItems" (id text COLLATE "C" PRIMARY KEY, doc jsonb NOT NULL);
CREATE INDEX "inboxItems__byList" ON "inboxItems" (((doc->>'ownerId') COLLATE "C"), ((doc->>'via') COLLATE "C"), ((doc->>'archived')::numeric), ((doc->>'lastActivity') COLLATE "C"), id);
CREATE INDEX "inboxItems__byUnread" ON "inboxItems" (((doc->>'ownerId') COLLATE "C"), ((doc->>'via') COLLATE "C"), ((doc->>'archived')::numeric), ((doc->>'unread')::numeric), id);
CREATE INDEX "inboxItems__byConversation" ON "inboxItems" (((doc->>'conversationId') COLLATE "C"), id);
CREATE TABLE "audit" (id text COLLATE "C" PRIMARY KEY, doc jsonb NOT NULL);
CREATE INDEX "audit__byClient" ON "audit" (((doc->>'clientId') COLLATE "C"), ((doc->>'at') COLLATE "C"), id);
CREATE FUNCTION nz_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = '42501';
END $$;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON "audit" FOR EACH ROW EXECUTE FUNCTION nz_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON "audit" FOR EACH STATEMENT EXECUTE FUNCTION nz_append_only();
