import { readdirSync, readFileSync } from 'node:fs';
import type { Db } from './sql';

const DIR = new URL('./migrations/', import.meta.url);
/** The advisory lock processes starting together take turns on: migrations, then grants. */
export const MIGRATION_LOCK = 74726;

export interface Migration { id: string; sql: string }

/** The migrations in server/db/migrations, in file-name order. */
export function migrations(): Migration[] {
  return readdirSync(DIR).filter((f) => f.endsWith('.sql')).sort()
    .map((f) => ({ id: f.replace(/\.sql$/, ''), sql: readFileSync(new URL(f, DIR), 'utf8') }));
}

/**
 * Applies every migration not yet recorded, each in its own transaction and
 * recorded in `schema_migrations`. An advisory lock makes processes that
 * start together on one PostgreSQL take turns.
 */
export async function migrate(db: Db): Promise<string[]> {
  await db.transaction('write', async (sql) => {
    await sql.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await sql.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  });
  const applied: string[] = [];
  for (const m of migrations()) {
    const done = await db.transaction('write', async (sql) => {
      await sql.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
      if ((await sql.query('SELECT 1 FROM schema_migrations WHERE id = $1', [m.id])).length) return false;
      await sql.exec(m.sql);
      await sql.query('INSERT INTO schema_migrations (id) VALUES ($1)', [m.id]);
      return true;
    });
    if (done) applied.push(m.id);
  }
  return applied;
}
