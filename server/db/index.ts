import { migrate } from './migrate';
import { openPostgres } from './postgres';
import type { Db } from './sql';
import { sqlStore, type SqlStore } from './sql-store';

export type { Db, SqlRunner, WriteScope } from './sql';
export type { SqlStore } from './sql-store';
export { sqlStore } from './sql-store';
export { migrate } from './migrate';

export interface DatabaseConfig {
  /** A PostgreSQL URL; when absent, PGlite in `dataDir`. */
  databaseUrl?: string;
  /** The PGlite data folder (locked to this process). */
  dataDir?: string;
  /** PGlite: start from a dump (tests). */
  loadDataDir?: Blob | File;
}

/** Opens the database the configuration names and brings its schema up to date. */
export async function openDatabase(config: DatabaseConfig): Promise<{ db: Db; store: SqlStore }> {
  // PGlite is loaded only when used: importing it takes about a second, which every restart on PostgreSQL would pay.
  const db = config.databaseUrl
    ? await openPostgres(config.databaseUrl)
    : await (await import('./pglite')).openPglite({ folder: config.dataDir, loadDataDir: config.loadDataDir });
  try {
    await migrate(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  return { db, store: sqlStore(db) };
}
