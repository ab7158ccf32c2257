import type { Entities, Put, StoreName } from '../../lib/domain';
import type { IndexQuery, KeyPart, Store, Tx } from '../../lib/backend/store';
import { fieldExpr, indexDef, paramCast, sideTable, STORES } from './schema';
import { ident, type Db, type SqlRunner, type WriteScope } from './sql';

type Row = { doc: unknown };

/**
 * A range over a compound index, with IndexedDB's semantics (see
 * lib/backend/local/idb-store.ts `keyRange`): `equals` fixes the leading
 * fields; `lower`/`upper` bound the fields after them as one tuple (a row
 * comparison the btree scans as a range). A bound shorter than the fields
 * left compares as a prefix, as IndexedDB compares a shorter array.
 */
function rangeSql(store: StoreName, fields: readonly string[], q: IndexQuery, params: unknown[]): string[] {
  const where: string[] = [];
  const p = (field: string, v: KeyPart) => {
    params.push(v);
    return `$${params.length}${paramCast(store, field)}`;
  };
  const { equals } = q;
  if (equals.length > fields.length) throw new Error(`index on ${store} has ${fields.length} fields`);
  equals.forEach((v, i) => where.push(`${fieldExpr(store, fields[i]!)} = ${p(fields[i]!, v)}`));
  const rest = fields.slice(equals.length);
  // IndexedDB leaves a record out of an index when a key field is missing.
  for (const f of rest) if (f !== 'id') where.push(`${fieldExpr(store, f)} IS NOT NULL`);
  const bound = (values: KeyPart[] | undefined, full: string, prefix: string) => {
    if (!values) return;
    // An empty bound is the `equals` prefix itself: every longer key is above it, an equal key is in
    // range only when the bound is inclusive.
    if (!values.length) {
      const op = rest.length ? prefix : full;
      if (!op.includes('=')) where.push('false');
      return;
    }
    if (values.length > rest.length) throw new Error(`bound longer than the index on ${store}`);
    const cols = rest.slice(0, values.length);
    const op = values.length === rest.length ? full : prefix;
    where.push(`(${cols.map((f) => fieldExpr(store, f)).join(', ')}) ${op} (${cols.map((f, i) => p(f, values[i]!)).join(', ')})`);
  };
  bound(q.lower, q.inclusive ? '>=' : '>', '>=');
  bound(q.upper, q.inclusive ? '<=' : '<', '<');
  return where;
}

function querySql(store: StoreName, index: string, q: IndexQuery, count: boolean): { text: string; params: unknown[] } {
  const def = indexDef(store, index);
  if (!def) throw new Error(`no index ${store}.${index}`);
  const params: unknown[] = [];
  const t = ident(store);
  const dir = q.reverse ? 'DESC' : 'ASC';
  const limit = !count && q.limit ? ` LIMIT ${Math.max(0, Math.floor(q.limit))}` : '';
  if (!Array.isArray(def)) {
    // A multi-entry index: the side table holds one (key, id) row per entry.
    const side = ident(sideTable(store, index));
    const where: string[] = [];
    if (q.equals.length) {
      params.push(String(q.equals[0]));
      where.push(`m.key = $1`);
    }
    const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
    if (count) return { text: `SELECT count(*)::int AS n FROM ${side} m ${cond}`, params };
    return {
      text: `SELECT t.doc FROM ${side} m JOIN ${t} t ON t.id = m.id ${cond} ORDER BY m.key ${dir}, m.id ${dir}${limit}`,
      params,
    };
  }
  const fields = def as readonly string[];
  const where = rangeSql(store, fields, q, params);
  const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
  if (count) return { text: `SELECT count(*)::int AS n FROM ${t} ${cond}`, params };
  const order = fields.map((f) => `${fieldExpr(store, f)} ${dir}`);
  if (fields[fields.length - 1] !== 'id') order.push(`id ${dir}`);
  return { text: `SELECT doc FROM ${t} ${cond} ORDER BY ${order.join(', ')}${limit}`, params };
}

/** The Tx port over one SQL transaction. */
export function sqlTx(sql: SqlRunner): Tx {
  return {
    async get<K extends StoreName>(store: K, id: string) {
      const rows = await sql.query<Row>(`SELECT doc FROM ${ident(store)} WHERE id = $1`, [id]);
      return rows[0]?.doc as Entities[K] | undefined;
    },
    async query<K extends StoreName>(store: K, index: string, q: IndexQuery) {
      const { text, params } = querySql(store, index, q, false);
      return (await sql.query<Row>(text, params)).map((r) => r.doc as Entities[K]);
    },
    async count(store: StoreName, index: string, q: IndexQuery) {
      const { text, params } = querySql(store, index, q, true);
      return (await sql.query<{ n: number }>(text, params))[0]?.n ?? 0;
    },
    async all<K extends StoreName>(store: K, limit?: number) {
      const lim = limit ? ` LIMIT ${Math.max(0, Math.floor(limit))}` : '';
      return (await sql.query<Row>(`SELECT doc FROM ${ident(store)} ORDER BY id${lim}`)).map((r) => r.doc as Entities[K]);
    },
    async put(p: Put) {
      const t = ident(p.store);
      const doc = JSON.stringify(p.value);
      // The audit log only ever grows: a plain INSERT, and the database refuses any UPDATE of it.
      const text = p.store === 'audit'
        ? `INSERT INTO ${t} (id, doc) VALUES ($1, $2::jsonb)`
        : `INSERT INTO ${t} (id, doc) VALUES ($1, $2::jsonb) ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc`;
      await sql.query(text, [p.value.id, doc]);
    },
  };
}

export interface SqlStore extends Store {
  readonly db: Db;
  /** A transaction that can also run the server's own SQL (sessions, idempotency) atomically with the domain's writes. */
  transactionWith<T>(mode: 'read' | 'write', fn: (tx: Tx, sql: SqlRunner) => Promise<T>, scope?: WriteScope): Promise<T>;
  /** Every store's records in id order, as JSON: for tests (equal strings mean nothing changed). */
  snapshot(): Promise<string>;
}

export function sqlStore(db: Db): SqlStore {
  return {
    db,
    transaction: (mode, fn) => db.transaction(mode, (sql) => fn(sqlTx(sql))),
    transactionWith: (mode, fn, scope) => db.transaction(mode, (sql) => fn(sqlTx(sql), sql), scope),
    async snapshot() {
      return db.transaction('read', async (sql) => {
        const out: Record<string, unknown[]> = {};
        for (const store of STORES) {
          out[store] = (await sql.query<Row>(`SELECT doc FROM ${ident(store)} ORDER BY id`)).map((r) => r.doc);
        }
        return JSON.stringify(out);
      });
    },
  };
}
