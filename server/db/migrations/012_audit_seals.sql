-- Tamper evidence for the audit log (server/audit/seal.ts). Each record notes the transaction that wrote
-- it; a seal covers the records of every transaction in a range that had ended when the seal was made, so
-- a record committed after a later one is never skipped, and sealing waits for no writer.
ALTER TABLE "audit" ADD COLUMN txid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX audit_by_txid ON "audit" (txid, id);

CREATE TABLE audit_seals (
  seq bigint PRIMARY KEY,
  sealed_at timestamptz NOT NULL,
  -- The records of transactions from_txid <= txid < upto_txid; the next seal starts at upto_txid.
  from_txid xid8 NOT NULL,
  upto_txid xid8 NOT NULL,
  records integer NOT NULL,
  -- SHA-256 over the records' own hashes in (txid, id) order.
  digest text NOT NULL,
  -- The previous seal's hash, and this seal's over all of the above: one altered seal breaks the chain.
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE TRIGGER audit_seals_append_only BEFORE UPDATE OR DELETE ON audit_seals FOR EACH ROW EXECUTE FUNCTION nz_append_only();
CREATE TRIGGER audit_seals_no_truncate BEFORE TRUNCATE ON audit_seals FOR EACH STATEMENT EXECUTE FUNCTION nz_append_only();
