import { createHash } from 'node:crypto';
import pg from 'pg';
import { prepareValue } from 'pg/lib/utils';
import { MAX_ATTEMPTS, backoff, isRetryable, sleep, type Db, type Guard, type SqlRunner, type WriteScope } from './sql';
import { lockStatement } from './write-locks';

/**
 * Statement names by text. A named statement is parsed and planned once per
 * connection and then only executed: the server's statements are few and
 * long (a command's writes fold into one), and planning them each time cost
 * PostgreSQL more than running them. Past `MAX_NAMED` distinct texts (which
 * the code's shapes do not reach) statements go unnamed, so a connection
 * never holds an unbounded number.
 */
const names = new Map<string, string>();
const MAX_NAMED = 1000;
function statementName(text: string): string | undefined {
  let name = names.get(text);
  if (!name && names.size < MAX_NAMED) names.set(text, (name = `nz${createHash('sha1').update(text).digest('hex').slice(0, 20)}`));
  return name;
}

const runner = (c: pg.Pool | pg.PoolClient): SqlRunner => ({
  async query<T>(text: string, params: unknown[] = []) {
    return (await c.query({ name: statementName(text), text, values: params })).rows as T[];
  },
  async exec(text: string) {
    await c.query(text);
  },
});

/**
 * Statements prepared with SQL `PREPARE` on a connection (a name space
 * shared with the protocol's named statements, hence the other prefix).
 */
const sqlPrepared = new WeakMap<pg.PoolClient, Set<string>>();

/**
 * A statement with its parameters as literals, so it can travel in one
 * simple-protocol query beside others: `PREPARE` once per connection, then
 * `EXECUTE`. The parameter types are inferred as for a named statement.
 */
function executeText(client: pg.PoolClient, text: string, params: unknown[]): { sql: string; prepares?: string } {
  const name = `nzx${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
  const args = params.map((v) => {
    const prepared = prepareValue(v);
    return prepared === null || prepared === undefined ? 'NULL' : pg.escapeLiteral(String(prepared));
  });
  const execute = params.length ? `EXECUTE ${name}(${args.join(', ')})` : `EXECUTE ${name}`;
  if (sqlPrepared.get(client)?.has(name)) return { sql: execute };
  return { sql: `PREPARE ${name} AS ${text}; ${execute}`, prepares: name };
}

/** What SQL `PREPARE` takes. */
const PREPARABLE = /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH|VALUES)\b/i;

/**
 * A transaction's statements on one connection, in as few round trips as
 * it takes: BEGIN (and a write's locks) travel with the first statement;
 * a statement marked `last` carries the COMMIT. A send thus costs the
 * database two round trips (its read, its write) instead of four.
 */
function transactionRunner(client: pg.PoolClient, begin: string, readOnly: boolean, guard?: Guard) {
  let opening: string | undefined = begin;
  let committed = false;
  // Still to be judged: it goes with the first statement, or on its own before anything else.
  let pendingGuard = guard;
  const plain = runner(client);
  const remember = (name: string | undefined) => {
    if (!name) return;
    let set = sqlPrepared.get(client);
    if (!set) sqlPrepared.set(client, (set = new Set()));
    set.add(name);
  };
  /** Opens the transaction and judges the guard in a round trip of their own. */
  async function guardAlone() {
    if (opening) await client.query(opening);
    opening = undefined;
    const g = pendingGuard;
    pendingGuard = undefined;
    if (g) g.check(await plain.query(g.text, g.params));
  }
  async function send<T>(text: string, params: unknown[], last: boolean): Promise<T[]> {
    if (committed) return plain.query<T>(text, params);
    // A statement that commits writes, or one PREPARE cannot take (SET, TRUNCATE, EXPLAIN …: rare),
    // never travels with the guard: the guard is judged first, on its own. A read-only transaction's
    // last read may: its COMMIT writes nothing, and a failed guard still discards every row.
    if (pendingGuard && ((last && !readOnly) || !PREPARABLE.test(text))) await guardAlone();
    const prefix = opening ? `${opening}; ` : '';
    opening = undefined;
    committed = last;
    if (!PREPARABLE.test(text)) {
      if (prefix) await client.query(prefix);
      const rows = await plain.query<T>(text, params);
      if (last) await client.query('COMMIT');
      return rows;
    }
    const g = pendingGuard;
    pendingGuard = undefined;
    const checked = g ? executeText(client, g.text, g.params) : undefined;
    const { sql, prepares } = executeText(client, text, params);
    const results = (await client.query(`${prefix}${checked ? `${checked.sql}; ` : ''}${sql}${last ? '; COMMIT' : ''}`)) as unknown as pg.QueryResult | pg.QueryResult[];
    remember(checked?.prepares);
    remember(prepares);
    // The statement's own rows: the last result, or the one before the COMMIT; the guard's before
    // them and the statement's PREPARE, if it had one.
    const all = Array.isArray(results) ? results : [results];
    const own = all.length - (last ? 2 : 1);
    // Judged before the caller sees a row: a refusal throws, and the transaction is rolled back.
    if (g) g.check(all[own - (prepares ? 2 : 1)]!.rows as Record<string, unknown>[]);
    return all[own]!.rows as T[];
  }
  const sql: SqlRunner = {
    query: (text, params = [], options) => send(text, params, !!options?.last),
    async exec(text) {
      if (pendingGuard) await guardAlone();
      const prefix = opening ? `${opening}; ` : '';
      opening = undefined;
      await client.query(`${prefix}${text}`);
    },
  };
  return {
    sql,
    /** Ends the transaction, unless its last statement already did; a guard not judged yet is judged first. */
    async finish() {
      if (pendingGuard) await guardAlone();
      if (!opening && !committed) await client.query('COMMIT');
    },
  };
}

/**
 * A real PostgreSQL (DATABASE_URL): a connection pool; one dedicated
 * connection for LISTEN. Writes run READ COMMITTED under the advisory locks
 * of their scope (write-locks.ts), taken before they read anything: two
 * writes that could touch the same rows take turns, so no update is lost,
 * and writes on unrelated rows run side by side. (SERIALIZABLE did the same
 * by aborting and retrying, but it tracks reads per index page, so while the
 * tables were small unrelated commands aborted each other: 4-9 rollbacks per
 * message at 10-50 clients in the server benchmark.)
 */
export async function openPostgres(url: string, options: { max?: number } = {}): Promise<Db & { pool: pg.Pool }> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle client that loses its connection must not take the process down.
  pool.on('error', () => {});
  await pool.query('SELECT 1');
  const listeners = new Map<string, Set<(payload: string) => void>>();
  let listener: pg.Client | undefined;
  let connecting: Promise<void> | undefined;
  let closed = false;

  async function connectListener(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => {
      listener = undefined;
      if (!closed) setTimeout(() => void reconnect(), 500);
    });
    client.on('notification', (n) => {
      for (const fn of listeners.get(n.channel) ?? []) fn(n.payload ?? '');
    });
    await client.connect();
    for (const channel of listeners.keys()) await client.query(`LISTEN "${channel}"`);
    return client;
  }
  function reconnect(): Promise<void> {
    connecting ??= (async () => {
      try {
        if (!closed && !listener) listener = await connectListener();
      } catch {
        if (!closed) setTimeout(() => void reconnect(), 1000);
      } finally {
        connecting = undefined;
      }
    })();
    return connecting;
  }

  async function run<T>(mode: 'read' | 'write', fn: (sql: SqlRunner) => Promise<T>, scope?: WriteScope, guard?: Guard): Promise<T> {
    // BEGIN and the locks travel with the first statement (transactionRunner).
    const begin = mode === 'write'
      ? `BEGIN ISOLATION LEVEL READ COMMITTED; ${lockStatement(scope)}`
      : 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY';
    for (let attempt = 1; ; attempt++) {
      const client = await pool.connect();
      let broken = false;
      try {
        const tx = transactionRunner(client, begin, mode === 'read', guard);
        const result = await fn(tx.sql);
        await tx.finish();
        return result;
      } catch (e) {
        // A failed multi-statement query may have stopped before a PREPARE it counted on:
        // the connection goes, and its prepared statements with it.
        broken = true;
        await client.query('ROLLBACK').catch(() => {});
        if (mode === 'write' && isRetryable(e) && attempt < MAX_ATTEMPTS) {
          await sleep(backoff(attempt));
          continue;
        }
        throw e;
      } finally {
        client.release(broken);
      }
    }
  }

  return {
    kind: 'postgres',
    pool,
    ...runner(pool),
    transaction: run,
    async listen(channel, fn) {
      if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error('channel name');
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
        if (listener) await listener.query(`LISTEN "${channel}"`);
      }
      set.add(fn);
      if (!listener) await reconnect();
      if (!listener) throw new Error('cannot LISTEN');
      return async () => {
        set.delete(fn);
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      await listener?.end().catch(() => {});
      await pool.end();
    },
  };
}
