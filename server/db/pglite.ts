import { PGlite, type Transaction } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { acquireLock } from './lock';
import type { Db, Guard, SqlRunner, WriteScope } from './sql';

const runner = (q: PGlite | Transaction): SqlRunner => ({
  async query<T>(text: string, params: unknown[] = []) {
    return (await q.query<T>(text, params)).rows;
  },
  async exec(text: string) {
    await q.exec(text);
  },
});

export interface PgliteOptions {
  /** A folder for the data; omitted: in memory. */
  folder?: string;
  /** Start from this dump (`dumpDataDir`) instead of an empty cluster. */
  loadDataDir?: Blob | File;
}

/**
 * PostgreSQL in WebAssembly, in one process. PGlite runs one statement at a
 * time, so its transactions never conflict and need no retry. With a folder,
 * the folder is locked to this process (`<folder>.lock`).
 */
export async function openPglite(options: PgliteOptions = {}): Promise<Db & { pglite: PGlite }> {
  let release = () => {};
  let dataDir: string | undefined;
  if (options.folder) {
    mkdirSync(options.folder, { recursive: true });
    release = acquireLock(`${options.folder.replace(/\/+$/, '')}.lock`);
    dataDir = join(options.folder);
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dataDir, { loadDataDir: options.loadDataDir });
  } catch (e) {
    release();
    throw e;
  }
  const base = runner(pglite);
  let closing: Promise<void> | undefined;
  return {
    kind: 'pglite',
    pglite,
    ...base,
    transaction<T>(mode: 'read' | 'write', fn: (sql: SqlRunner) => Promise<T>, _scope?: WriteScope, guard?: Guard) {
      return pglite.transaction(async (tx) => {
        if (mode === 'read') await tx.query('SET TRANSACTION READ ONLY');
        // In process there is no round trip to save: the guard simply goes first.
        if (guard) guard.check((await tx.query<Record<string, unknown>>(guard.text, guard.params)).rows);
        return fn(runner(tx));
      });
    },
    async listen(channel, fn) {
      const stop = await pglite.listen(channel, fn);
      return async () => {
        if (!pglite.closed) await stop();
      };
    },
    close() {
      closing ??= (async () => {
        try {
          if (!pglite.closed) await pglite.close();
        } finally {
          release();
        }
      })();
      return closing;
    },
  };
}
