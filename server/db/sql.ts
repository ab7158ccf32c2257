import type { Guard } from '../../lib/service/store';

export type { Guard };
/**
 * The little the server needs from a PostgreSQL connection, so PGlite
 * (embedded) and node-postgres (DATABASE_URL) are interchangeable.
 */
export interface QueryOptions {
  /**
   * The transaction's last statement: it may carry the COMMIT in its own round trip (node-postgres);
   * a statement after it runs on its own (a replay's read of what a concurrent twin committed).
   */
  last?: boolean;
}

export interface SqlRunner {
  /** One parameterised statement; rows as objects (jsonb already parsed). */
  query<T = Record<string, unknown>>(text: string, params?: unknown[], options?: QueryOptions): Promise<T[]>;
  /** Several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
}

/**
 * What a write may touch, for the write locks (the rule of which command
 * gets which scope, and why, is in server/api/write-scope.ts):
 *   - omitted: anything; it runs alone, no other write beside it;
 *   - `{ keys }`: only rows guarded by these keys (e.g. one conversation's),
 *     plus new append-only rows; it runs beside other keyed writes and waits
 *     only for writes holding one of its keys.
 */
export interface WriteScope { keys: string[] }


export interface Db extends SqlRunner {
  readonly kind: 'pglite' | 'postgres';
  /**
   * One SQL transaction. Writes take their scope's locks first (see
   * `WriteScope`) and are retried on a deadlock or a unique violation (a
   * concurrent insert of the same key), so `fn` must have no effect outside
   * the transaction. Reads run on one snapshot, read-only.
   */
  transaction<T>(mode: 'read' | 'write', fn: (sql: SqlRunner) => Promise<T>, scope?: WriteScope, guard?: Guard): Promise<T>;
  /** Notifications on a channel (LISTEN); resolves to an unsubscribe. */
  listen(channel: string, fn: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** PostgreSQL error codes worth running a transaction again for. */
const RETRYABLE = new Set(['40001', '40P01', '23505']);
export const isRetryable = (e: unknown) => RETRYABLE.has((e as { code?: string } | null)?.code ?? '');

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
/**
 * Writers wait for each other's locks rather than retry; a retry follows a deadlock or a concurrent
 * insert of the same key (two requests with one Idempotency-Key), so a few suffice: the bound is generous.
 */
export const MAX_ATTEMPTS = 40;
/** Exponential backoff with full jitter, capped at a quarter second. */
export const backoff = (attempt: number) => Math.random() * Math.min(250, 4 * 2 ** attempt);

/** Quotes an identifier (store names are camelCase). */
export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
