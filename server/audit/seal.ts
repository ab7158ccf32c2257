import { canonicalJson } from '../../lib/contract/canonical';
import { sha256Hex } from '../crypto';
import type { Db, SqlRunner } from '../db';

/**
 * Tamper evidence for the audit log, beside the database's own protection
 * (the server's role can only add records; see db/roles.ts). Now and then a
 * seal is added: a hash over the records written since the previous seal,
 * chained to that seal's hash. Changing, removing or slipping in a record,
 * or changing a seal, then no longer matches; `verifyAudit` says where. To
 * be evidence against someone who could rewrite every seal too (the
 * database owner), keep the latest seal's hash elsewhere: each seal is
 * logged (`audit-sealed`), and `verifyAudit` can be told a hash to find.
 *
 * Which records a seal covers is decided by the transaction that wrote them,
 * not by time: a seal takes the records of every transaction older than the
 * oldest one still running, all of which have ended, so writers are never
 * waited for and none that commits late is skipped.
 */

export interface Seal { seq: number; sealedAt: string; fromTxid: string; uptoTxid: string; records: number; digest: string; prevHash: string; hash: string }

const GENESIS = '0'.repeat(64);
/** One sealer at a time, across processes: the chain has one next link. */
const SEAL_LOCK = 'audit-seal';

interface AuditRow { id: string; doc: unknown; txid: string }

const recordHash = (r: AuditRow) => sha256Hex(`${r.id}\n${r.txid}\n${canonicalJson(typeof r.doc === 'string' ? JSON.parse(r.doc) : r.doc)}`);
const digestOf = (rows: AuditRow[]) => sha256Hex(rows.map(recordHash).join('\n'));
const sealHash = (s: Omit<Seal, 'hash' | 'sealedAt'>) => sha256Hex([s.prevHash, s.seq, s.fromTxid, s.uptoTxid, s.records, s.digest].join('\n'));

async function recordsBetween(sql: SqlRunner, from: string, upto: string): Promise<AuditRow[]> {
  return sql.query<AuditRow>(
    'SELECT id, doc, txid::text AS txid FROM audit WHERE txid >= $1::xid8 AND txid < $2::xid8 ORDER BY txid, id', [from, upto],
  );
}

interface SealRow {
  seq: string | number; sealed_at: Date | string; from_txid: string; upto_txid: string; records: number; digest: string; prev_hash: string; hash: string;
}
const fromRow = (r: SealRow): Seal => ({
  seq: Number(r.seq), sealedAt: new Date(r.sealed_at).toISOString(), fromTxid: String(r.from_txid), uptoTxid: String(r.upto_txid),
  records: Number(r.records), digest: r.digest, prevHash: r.prev_hash, hash: r.hash,
});
const SEAL_COLUMNS = 'seq, sealed_at, from_txid::text AS from_txid, upto_txid::text AS upto_txid, records, digest, prev_hash, hash';

/** Seals the records written since the last seal; undefined when there were none. */
export async function sealAudit(db: Db, now: Date): Promise<Seal | undefined> {
  return db.transaction('write', async (sql) => {
    const last = (await sql.query<SealRow>(`SELECT ${SEAL_COLUMNS} FROM audit_seals ORDER BY seq DESC LIMIT 1`))[0];
    const upto = (await sql.query<{ x: string }>('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS x'))[0]!.x;
    const fromTxid = last ? String(last.upto_txid) : '0';
    const rows = await recordsBetween(sql, fromTxid, upto);
    if (!rows.length) return undefined;
    const body = { seq: last ? Number(last.seq) + 1 : 1, fromTxid, uptoTxid: upto, records: rows.length, digest: digestOf(rows), prevHash: last?.hash ?? GENESIS };
    const seal: Seal = { ...body, sealedAt: now.toISOString(), hash: sealHash(body) };
    await sql.query(
      `INSERT INTO audit_seals (seq, sealed_at, from_txid, upto_txid, records, digest, prev_hash, hash)
       VALUES ($1, $2, $3::xid8, $4::xid8, $5, $6, $7, $8)`,
      [seal.seq, seal.sealedAt, seal.fromTxid, seal.uptoTxid, seal.records, seal.digest, seal.prevHash, seal.hash],
    );
    return seal;
  }, { keys: [SEAL_LOCK] });
}

export interface Verification {
  ok: boolean;
  seals: number;
  /** Records the seals cover. */
  sealed: number;
  /** Records written since the last seal (not yet covered). */
  unsealed: number;
  lastHash?: string;
  problems: string[];
}

/**
 * Checks every seal against the records and the chain; with `expectHash`,
 * also that a seal with that hash (kept elsewhere earlier) is still there.
 */
export async function verifyAudit(db: Db, options: { expectHash?: string } = {}): Promise<Verification> {
  return db.transaction('read', async (sql) => {
    const seals = (await sql.query<SealRow>(`SELECT ${SEAL_COLUMNS} FROM audit_seals ORDER BY seq`)).map(fromRow);
    const problems: string[] = [];
    let prev: Seal | undefined;
    let sealed = 0;
    for (const s of seals) {
      const where = `seal ${s.seq}`;
      if (s.seq !== (prev ? prev.seq + 1 : 1)) problems.push(`${where}: a seal before it is missing`);
      if (s.prevHash !== (prev?.hash ?? GENESIS)) problems.push(`${where}: does not follow the seal before it`);
      if (s.fromTxid !== (prev?.uptoTxid ?? '0')) problems.push(`${where}: its range does not start where the seal before it ended`);
      if (sealHash(s) !== s.hash) problems.push(`${where}: the seal itself was changed`);
      const rows = await recordsBetween(sql, s.fromTxid, s.uptoTxid);
      if (rows.length !== s.records) problems.push(`${where}: covers ${s.records} records, ${rows.length} are there (removed or added since)`);
      else if (digestOf(rows) !== s.digest) problems.push(`${where}: a record it covers was changed`);
      sealed += rows.length;
      prev = s;
    }
    const unsealed = Number((await sql.query<{ n: string | number }>(
      'SELECT count(*) AS n FROM audit WHERE txid >= $1::xid8', [prev?.uptoTxid ?? '0'],
    ))[0]!.n);
    if (options.expectHash && !seals.some((s) => s.hash === options.expectHash)) problems.push(`no seal has the expected hash ${options.expectHash}`);
    return { ok: problems.length === 0, seals: seals.length, sealed, unsealed, lastHash: prev?.hash, problems };
  });
}
