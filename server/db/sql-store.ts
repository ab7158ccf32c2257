import type { Entities, Put, StoreName } from '../../lib/domain';
import { readsOf, type Loaded, type Plan, type Read } from '../../lib/contract/plan';
import type { IndexQuery, KeyPart } from '../../lib/contract/stores';
import type { Claim, CommitOptions, Store, Tx } from '../../lib/service/store';
import { fieldExpr, indexDef, paramCast, sideTable, STORES } from './schema';
import { ident, type Db, type QueryOptions, type SqlRunner, type WriteScope } from './sql';

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

/** One query's rows as a jsonb array in index order (an aggregate does not keep a subquery's order: it orders again). */
function rowsExpr(store: StoreName, index: string, q: IndexQuery, params: unknown[]): string {
  const { from, join, where, order, limit } = queryParts(store, index, q, params);
  if (join) {
    const outer = order.replace(/m\.key/g, 's.k').replace(/m\.id/g, 's.id');
    return `(SELECT coalesce(jsonb_agg(s.doc ORDER BY ${outer}), '[]'::jsonb) FROM (SELECT t.doc, m.key AS k, m.id ${from}${join}${where} ORDER BY ${order}${limit}) s)`;
  }
  return `(SELECT coalesce(jsonb_agg(s.doc ORDER BY ${order}), '[]'::jsonb) FROM (SELECT id, doc ${from}${where} ORDER BY ${order}${limit}) s)`;
}

const countExpr = (store: StoreName, index: string, q: IndexQuery, params: unknown[]) => {
  const { from, where } = queryParts(store, index, q, params);
  return `(SELECT count(*)::int ${from}${where})`;
};

const objectOf = (entries: [string, string][], params: unknown[]) => {
  if (!entries.length) return `'{}'::jsonb`;
  return `jsonb_build_object(${entries.map(([name, expr]) => {
    params.push(name);
    return `$${params.length}::text, ${expr}`;
  }).join(', ')})`;
};

/** The SQL expression answering one read of a plan; `session` is the session's token hash (for `opened`). */
function readExpr(r: Read, params: unknown[], session: string | undefined): string {
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  switch (r.read) {
    case 'record':
      return r.id === undefined ? 'NULL::jsonb' : `(SELECT doc FROM ${ident(r.store)} WHERE id = ${p(r.id)}::text)`;
    case 'follow': {
      const field = `'${r.from.field.replace(/'/g, "''")}'`;
      return `(SELECT doc FROM ${ident(r.store)} WHERE id = (SELECT doc->>${field} FROM ${ident(r.from.store)} WHERE id = ${p(r.from.id)}::text))`;
    }
    case 'records':
      if (!r.ids.length) return `'[]'::jsonb`;
      return `(SELECT coalesce(jsonb_agg(doc ORDER BY id), '[]'::jsonb) FROM ${ident(r.store)} WHERE id IN (SELECT jsonb_array_elements_text(${p(JSON.stringify([...new Set(r.ids)]))}::jsonb)))`;
    case 'rows':
      return r.query ? rowsExpr(r.store, r.index, r.query, params) : `'[]'::jsonb`;
    case 'pages':
      return objectOf(Object.entries(r.queries).map(([name, q]) => [name, rowsExpr(r.store, r.index, q, params)]), params);
    case 'counts':
      return objectOf(Object.entries(r.queries).map(([name, q]) => [name, countExpr(r.store, r.index, q, params)]), params);
    case 'all':
      return `(SELECT coalesce(jsonb_agg(doc ORDER BY id), '[]'::jsonb) FROM ${ident(r.store)})`;
    case 'opened':
      return session === undefined ? 'false'
        : `EXISTS (SELECT 1 FROM session_opened WHERE session_hash = ${p(session)}::text AND conversation_id = ${p(r.conversationId)}::text)`;
  }
}

/** A whole plan as one statement: one column per read. */
export function planSql(plan: Plan, session?: string): { text: string; params: unknown[] } {
  const params: unknown[] = [];
  const reads = readsOf(plan);
  if (!reads.length) return { text: 'SELECT 1', params };
  return { text: `SELECT ${reads.map(([, r], i) => `${readExpr(r, params, session)} AS p${i}`).join(', ')}`, params };
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
  async run(sql: SqlRunner, options?: QueryOptions): Promise<boolean> {
    if (!this.ctes.length && !this.selects.length && this.condition === 'true') return true;
    const withs = this.ctes.length ? `WITH ${this.ctes.map((c, i) => `w${i} AS (${c})`).join(', ')} ` : '';
    const rows = await sql.query(`${withs}SELECT ${this.selects.length ? this.selects.join(', ') : '1'} WHERE ${this.condition}`, this.params, options);
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
 * What the server does with a commit beside storing records: live events
 * and effects (server/api/commit-hooks.ts), added to the commit's own
 * statement, so a commit is always one statement, and the transaction's last.
 */
export interface CommitHooks {
  fold?(batch: Batch, puts: Put[], options: CommitOptions, session: string | undefined): void;
}

/** Idempotency: the key is claimed in the commit's own statement, which writes nothing when it is taken. */
function addClaim(batch: Batch, claim: Claim, at: string) {
  const p = (v: unknown) => batch.param(v);
  // DO NOTHING waits for a concurrent insert of the key to commit or roll back, so exactly one of them writes.
  const inserted = batch.cte(
    `INSERT INTO idempotency (actor_id, key, op, request_hash, answer, created_at) VALUES (${p(claim.actorId)}, ${p(claim.key)}, ${p(claim.op)}, ${p(claim.requestHash)}, ${p(claim.answer)}, ${p(at)}) ON CONFLICT DO NOTHING RETURNING 1`,
  );
  batch.condition = `EXISTS (SELECT 1 FROM ${inserted})`;
}

/** The Tx port over one SQL transaction; `session` is the session's token hash, when it runs for one. */
export function sqlTx(sql: SqlRunner, options: { session?: string; hooks?: CommitHooks; now?: () => Date; commitEnds?: boolean } = {}): Tx {
  const now = options.now ?? (() => new Date());
  const pending: Put[] = [];
  const settle = async () => {
    if (!pending.length) return;
    const batch = new Batch();
    addPuts(batch, pending.splice(0));
    await batch.run(sql);
  };
  const tx: Tx = {
    async get<K extends StoreName>(store: K, id: string) {
      await settle();
      const rows = await sql.query<Row>(`SELECT doc FROM ${ident(store)} WHERE id = $1`, [id]);
      return rows[0]?.doc as Entities[K] | undefined;
    },
    async query<K extends StoreName>(store: K, index: string, q: IndexQuery) {
      await settle();
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
    async put(p) {
      pending.push(p);
    },
    async read<P extends Plan>(plan: P, readOptions?: { last?: boolean }) {
      await settle();
      const { text, params } = planSql(plan, options.session);
      const row = (await sql.query<Record<string, unknown>>(text, params, { last: readOptions?.last && options.commitEnds }))[0] ?? {};
      return Object.fromEntries(readsOf(plan).map(([name, r], i) => {
        const v = row[`p${i}`];
        return [name, r.read === 'record' || r.read === 'follow' ? (v ?? undefined) : v];
      })) as Loaded<P>;
    },
    async commit(puts, commit = {}) {
      await settle();
      const batch = new Batch();
      if (commit.claim) addClaim(batch, commit.claim, now().toISOString());
      addPuts(batch, puts);
      options.hooks?.fold?.(batch, puts, commit, options.session);
      // Where nothing follows the commit in this transaction, its statement may carry the COMMIT.
      return batch.run(sql, { last: options.commitEnds });
    },
    async replay(claim) {
      const prior = (await sql.query<{ request_hash: string; answer: string }>(
        'SELECT request_hash, answer FROM idempotency WHERE actor_id = $1 AND key = $2', [claim.actorId, claim.key],
      ))[0];
      if (!prior) return undefined;
      return prior.request_hash === claim.requestHash ? { answer: prior.answer } : 'conflict';
    },
  };
  return tx;
}

export interface SqlStore extends Store {
  readonly db: Db;
  /** A transaction that can also run the server's own SQL (sessions, credentials) atomically with records. */
  transactionWith<T>(mode: 'read' | 'write', fn: (tx: Tx, sql: SqlRunner) => Promise<T>): Promise<T>;
  /** Every store's records in id order, as JSON: for tests (equal strings mean nothing changed). */
  snapshot(): Promise<string>;
}

/** Runs `fn` on a Tx and writes what it left pending (loading data with `put`). */
async function withTx<T>(sql: SqlRunner, fn: (tx: Tx) => Promise<T>, options: Parameters<typeof sqlTx>[1]): Promise<T> {
  const tx = sqlTx(sql, options);
  const result = await fn(tx);
  await tx.commit([]);
  return result;
}

export function sqlStore(db: Db, options: { hooks?: CommitHooks; now?: () => Date } = {}): SqlStore {
  return {
    db,
    transaction: (mode, fn, t = {}) => {
      const scope: WriteScope | undefined = t.locks ? { keys: t.locks } : undefined;
      return db.transaction(mode, (sql) => withTx(sql, fn, { ...options, session: t.session, commitEnds: true }), scope, t.guard);
    },
    transactionWith: (mode, fn) => db.transaction(mode, (sql) => withTx(sql, (tx) => fn(tx, sql), options)),
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
