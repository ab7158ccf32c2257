import { migrate } from './migrate';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import type { Db } from './sql';
import { sqlStore, type SqlStore } from './sql-store';

export type { Db, SqlRunner } from './sql';
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
  const db = config.databaseUrl
    ? await openPostgres(config.databaseUrl)
    : await openPglite({ folder: config.dataDir, loadDataDir: config.loadDataDir });
  try {
    await migrate(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  return { db, store: sqlStore(db) };
}
