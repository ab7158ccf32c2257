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

/**
 * An index query in parts: the table (`FROM …`), the join a multi-entry
 * index needs to reach its records, the condition, order and limit; the
 * parameters are appended to `params`.
 */
interface QueryParts { from: string; join: string; where: string; order: string; limit: string; params: unknown[] }

function queryParts(store: StoreName, index: string, q: IndexQuery, params: unknown[] = []): QueryParts {
  const def = indexDef(store, index);
  if (!def) throw new Error(`no index ${store}.${index}`);
  const t = ident(store);
  const dir = q.reverse ? 'DESC' : 'ASC';
  const limit = q.limit ? ` LIMIT ${Math.max(0, Math.floor(q.limit))}` : '';
  if (!Array.isArray(def)) {
    // A multi-entry index: the side table holds one (key, id) row per entry.
    let where = '';
    if (q.equals.length) {
      params.push(String(q.equals[0]));
      where = ` WHERE m.key = $${params.length}`;
    }
    return { from: `FROM ${ident(sideTable(store, index))} m`, join: ` JOIN ${t} t ON t.id = m.id`, where, order: `m.key ${dir}, m.id ${dir}`, limit, params };
  }
  const fields = def as readonly string[];
  const conds = rangeSql(store, fields, q, params);
  const order = fields.map((f) => `${fieldExpr(store, f)} ${dir}`);
  if (fields[fields.length - 1] !== 'id') order.push(`id ${dir}`);
  return { from: `FROM ${t}`, join: '', where: conds.length ? ` WHERE ${conds.join(' AND ')}` : '', order: order.join(', '), limit, params };
}

function querySql(store: StoreName, index: string, q: IndexQuery, count: boolean): { text: string; params: unknown[] } {
  const { from, join, where, order, limit, params } = queryParts(store, index, q);
  // A count needs no records: a multi-entry index's side table has one row per entry of a record that exists.
  if (count) return { text: `SELECT count(*)::int AS n ${from}${where}`, params };
  return { text: `SELECT ${join ? 't.doc' : 'doc'} ${from}${join}${where} ORDER BY ${order}${limit}`, params };
}

/**
 * Records and index queries a command will read, fetched together in one
 * round trip before it starts (server/api/preload.ts says which). A record
 * is named by its id, or by the id another record holds in a field (a
 * professional's `orgId`), which the same statement follows.
 */
export type Preload =
  | { store: StoreName; id: string }
  | { store: StoreName; idIn: { store: StoreName; id: string; field: string } }
  | { store: StoreName; index: string; query: IndexQuery };

const recordKey = (store: StoreName, id: string) => `${store}\u0000${id}`;
const queryKey = (store: StoreName, index: string, q: IndexQuery) => `${store}\u0000${index}\u0000${JSON.stringify(q)}`;

/** One jsonb expression per preload: the record (or null), or the query's rows as an array in index order. */
function preloadSql(items: readonly Preload[]): { text: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const columns = items.map((item, i) => {
    const t = ident(item.store);
    let expr: string;
    if ('query' in item) {
      if (!Array.isArray(indexDef(item.store, item.index))) throw new Error('preload: compound indexes only');
      const { from, where, order, limit } = queryParts(item.store, item.index, item.query, params);
      // The aggregate orders by the index again: a subquery's order does not carry through an aggregate.
      expr = `(SELECT coalesce(jsonb_agg(s.doc ORDER BY ${order}), '[]'::jsonb) FROM (SELECT id, doc ${from}${where} ORDER BY ${order}${limit}) s)`;
    } else if ('idIn' in item) {
      const field = `'${item.idIn.field.replace(/'/g, "''")}'`;
      expr = `(SELECT doc FROM ${t} WHERE id = (SELECT doc->>${field} FROM ${ident(item.idIn.store)} WHERE id = ${p(item.idIn.id)}::text))`;
    } else {
      expr = `(SELECT doc FROM ${t} WHERE id = ${p(item.id)}::text)`;
    }
    return `${expr} AS p${i}`;
  });
  return { text: `SELECT ${columns.join(', ')}`, params };
}

/**
 * Statements folded into one round trip: data-modifying CTEs (all run, to
 * completion, whatever the final SELECT reads) and the expressions of that
 * final SELECT. Placeholders are numbered as parameters are added. The puts
 * and the final SELECT take effect only where `condition` (SQL over the
 * CTEs) holds; `run` says whether it held.
 */
export class Batch {
  readonly params: unknown[] = [];
  readonly selects: string[] = [];
  condition = 'true';
  private readonly ctes: string[] = [];
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
  /** Adds a CTE; its name, for the condition. */
  cte(text: string): string {
    this.ctes.push(text);
    return `w${this.ctes.length - 1}`;
  }
  async run(sql: SqlRunner): Promise<boolean> {
    if (!this.ctes.length && !this.selects.length && this.condition === 'true') return true;
    const withs = this.ctes.length ? `WITH ${this.ctes.map((c, i) => `w${i} AS (${c})`).join(', ')} ` : '';
    const rows = await sql.query(`${withs}SELECT ${this.selects.length ? this.selects.join(', ') : '1'} WHERE ${this.condition}`, this.params);
    return rows.length > 0;
  }
}

/**
 * One INSERT per store for a command's puts: the documents travel as one
 * jsonb array. A record put twice is written once, as last put (one
 * statement may not change a row twice); that is what writing them in turn
 * would leave.
 */
function addPuts(batch: Batch, puts: Put[]) {
  const byStore = new Map<StoreName, Map<string, unknown>>();
  for (const p of puts) {
    let docs = byStore.get(p.store);
    if (!docs) byStore.set(p.store, (docs = new Map()));
    docs.delete(p.value.id);
    docs.set(p.value.id, p.value);
  }
  for (const [store, docs] of byStore) {
    // The audit log only ever grows: a plain INSERT, and the database refuses any UPDATE of it.
    const conflict = store === 'audit' ? '' : ' ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc';
    const docsParam = batch.param(JSON.stringify([...docs.values()]));
    batch.cte(`INSERT INTO ${ident(store)} (id, doc) SELECT d->>'id', d FROM jsonb_array_elements(${docsParam}::jsonb) d WHERE ${batch.condition}${conflict}`);
  }
}

/**
 * The Tx port over one SQL transaction. Puts are held and written together
 * (one statement) before the next read, or by `flush` with whatever else
 * the caller folds into that statement; raw SQL run on the same transaction
 * after a put must `flush` first to see it.
 */
export interface SqlTx extends Tx {
  /** Writes the pending puts with `batch`; false when the batch's condition kept them out. */
  flush(batch?: Batch): Promise<boolean>;
  /** How many puts wait for the next flush. */
  readonly pending: number;
  /**
   * Reads these in one round trip; the transaction's later `get`s and
   * `query`s of exactly these answer from what was read, until it puts
   * anything. A preload that names what is never asked for costs only its
   * share of the statement; one that misses costs the read it would have
   * saved: it changes no answer.
   */
  preload(items: readonly Preload[]): Promise<void>;
}

export function sqlTx(sql: SqlRunner): SqlTx {
  let pending: Put[] = [];
  // Preloaded answers by record or query; emptied by any put, so nothing stale is answered.
  const read = new Map<string, unknown>();
  async function flush(batch = new Batch()) {
    const puts = pending;
    pending = [];
    addPuts(batch, puts);
    return batch.run(sql);
  }
  const settle = async () => {
    if (pending.length) await flush();
  };
  return {
    flush,
    get pending() {
      return pending.length;
    },
    async preload(items) {
      if (!items.length) return;
      await settle();
      const { text, params } = preloadSql(items);
      const row = (await sql.query<Record<string, unknown>>(text, params))[0] ?? {};
      items.forEach((item, i) => {
        const value = row[`p${i}`] ?? undefined;
        if ('query' in item) read.set(queryKey(item.store, item.index, item.query), value ?? []);
        else if ('id' in item) read.set(recordKey(item.store, item.id), value);
        // A record named by another's field is known by its own id once found; not found, it is read again if asked for.
        else if (value) read.set(recordKey(item.store, (value as { id: string }).id), value);
      });
    },
    async get<K extends StoreName>(store: K, id: string) {
      await settle();
      const key = recordKey(store, id);
      if (read.has(key)) return read.get(key) as Entities[K] | undefined;
      const rows = await sql.query<Row>(`SELECT doc FROM ${ident(store)} WHERE id = $1`, [id]);
      return rows[0]?.doc as Entities[K] | undefined;
    },
    async query<K extends StoreName>(store: K, index: string, q: IndexQuery) {
      await settle();
      const key = queryKey(store, index, q);
      if (read.has(key)) return read.get(key) as Entities[K][];
      const { text, params } = querySql(store, index, q, false);
      return (await sql.query<Row>(text, params)).map((r) => r.doc as Entities[K]);
    },
    async count(store: StoreName, index: string, q: IndexQuery) {
      await settle();
      const { text, params } = querySql(store, index, q, true);
      return (await sql.query<{ n: number }>(text, params))[0]?.n ?? 0;
    },
    async all<K extends StoreName>(store: K, limit?: number) {
      await settle();
      const lim = limit ? ` LIMIT ${Math.max(0, Math.floor(limit))}` : '';
      return (await sql.query<Row>(`SELECT doc FROM ${ident(store)} ORDER BY id${lim}`)).map((r) => r.doc as Entities[K]);
    },
    async put(p: Put) {
      read.clear();
      pending.push(p);
    },
  };
}

export interface SqlStore extends Store {
  readonly db: Db;
  /** A transaction that can also run the server's own SQL (sessions, idempotency) atomically with the domain's writes. */
  transactionWith<T>(mode: 'read' | 'write', fn: (tx: SqlTx, sql: SqlRunner) => Promise<T>, scope?: WriteScope): Promise<T>;
  /** Every store's records in id order, as JSON: for tests (equal strings mean nothing changed). */
  snapshot(): Promise<string>;
}

/** Runs `fn` on a Tx and writes what it left pending. */
async function withTx<T>(sql: SqlRunner, fn: (tx: SqlTx) => Promise<T>): Promise<T> {
  const tx = sqlTx(sql);
  const result = await fn(tx);
  await tx.flush();
  return result;
}

export function sqlStore(db: Db): SqlStore {
  return {
    db,
    transaction: (mode, fn) => db.transaction(mode, (sql) => withTx(sql, fn)),
    transactionWith: (mode, fn, scope) => db.transaction(mode, (sql) => withTx(sql, (tx) => fn(tx, sql)), scope),
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
