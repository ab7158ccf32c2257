import pg from 'pg';
import { MAX_ATTEMPTS, backoff, isRetryable, sleep, type Db, type SqlRunner } from './sql';

const runner = (c: pg.Pool | pg.PoolClient): SqlRunner => ({
  async query<T>(text: string, params: unknown[] = []) {
    return (await c.query(text, params)).rows as T[];
  },
  async exec(text: string) {
    await c.query(text);
  },
});

/**
 * A real PostgreSQL (DATABASE_URL): a connection pool; writes SERIALIZABLE
 * with retry, so concurrent commands on one conversation never lose an
 * update; one dedicated connection for LISTEN.
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

  async function run<T>(mode: 'read' | 'write', fn: (sql: SqlRunner) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query(mode === 'write' ? 'BEGIN ISOLATION LEVEL SERIALIZABLE' : 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const result = await fn(runner(client));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
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

  // This process's write transactions take turns. SERIALIZABLE tracks reads per index page, so while
  // the tables are small every command reads pages another one writes: concurrent commands on
  // unrelated rows abort each other and retry into seconds of latency (the server benchmark measured
  // 4-9 rollbacks per message at 10-50 clients); one at a time they commit at full speed. Writes of
  // other processes are still kept apart by SERIALIZABLE and its retry. Hence a write transaction
  // must never wait for another write transaction of this process: it would wait for itself.
  let writing: Promise<unknown> = Promise.resolve();

  return {
    kind: 'postgres',
    pool,
    ...runner(pool),
    transaction<T>(mode: 'read' | 'write', fn: (sql: SqlRunner) => Promise<T>): Promise<T> {
      if (mode === 'read') return run(mode, fn);
      const turn = writing.then(() => run(mode, fn));
      writing = turn.catch(() => {});
      return turn;
    },
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
