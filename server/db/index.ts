import { migrate, MIGRATION_LOCK } from './migrate';
import { grantServerRole } from './roles';
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
  /** PostgreSQL: the schema owner, whom migrations run as; the server's role (databaseUrl) then gets only its grants. */
  migrationDatabaseUrl?: string;
  /** The PGlite data folder (locked to this process). */
  dataDir?: string;
  /** PGlite: start from a dump (tests). */
  loadDataDir?: Blob | File;
}

/** Migrations as the owner, then the grants of the server's role (the one `db` is connected as). */
async function migrateAsOwner(ownerUrl: string, db: Db) {
  const role = (await db.query<{ role: string }>('SELECT current_user AS role'))[0]!.role;
  const owner = await openPostgres(ownerUrl, { max: 1 });
  try {
    await migrate(owner);
    const ownerRole = (await owner.query<{ role: string }>('SELECT current_user AS role'))[0]!.role;
    // Under the migrations' lock: two processes granting at once fail with "tuple concurrently updated".
    if (ownerRole !== role) await owner.transaction('write', async (sql) => {
      await sql.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
      await grantServerRole(sql, role);
    });
  } finally {
    await owner.close();
  }
}

/** Opens the database the configuration names and brings its schema up to date. */
export async function openDatabase(config: DatabaseConfig): Promise<{ db: Db; store: SqlStore }> {
  // PGlite is loaded only when used: importing it takes about a second, which every restart on PostgreSQL would pay.
  const db = config.databaseUrl
    ? await openPostgres(config.databaseUrl)
    : await (await import('./pglite')).openPglite({ folder: config.dataDir, loadDataDir: config.loadDataDir });
  try {
    if (config.databaseUrl && config.migrationDatabaseUrl) await migrateAsOwner(config.migrationDatabaseUrl, db);
    else await migrate(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  return { db, store: sqlStore(db) };
}
