import type { SqlRunner } from '../../../server/db';

/**
 * Every row of every table in the database's public schema (the stores, their
 * index side tables and the server's own tables), as sorted JSON lines per
 * table. `omit` names columns to leave out, per table, or `'*'` for the whole
 * table: each omission must say why it may change when a request is refused.
 */
export async function snapshotTables(sql: SqlRunner, omit: Record<string, string[] | '*'> = {}): Promise<Record<string, string[]>> {
  const tables = (await sql.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  )).map((t) => t.name);
  const out: Record<string, string[]> = {};
  for (const name of tables) {
    const left = omit[name] ?? [];
    if (left === '*') continue;
    const rows = await sql.query<{ r: Record<string, unknown> }>(`SELECT to_jsonb(t) AS r FROM "${name.replace(/"/g, '""')}" t`);
    out[name] = rows.map(({ r }) => {
      const row = typeof r === 'string' ? (JSON.parse(r) as Record<string, unknown>) : { ...r };
      for (const col of left) delete row[col];
      return JSON.stringify(row);
    }).sort();
  }
  return out;
}

/** The tables whose rows differ between two snapshots, with counts, for a readable failure. */
export function snapshotDiff(a: Record<string, string[]>, b: Record<string, string[]>): string[] {
  const out: string[] = [];
  for (const t of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = new Set(a[t] ?? []);
    const y = new Set(b[t] ?? []);
    const gone = [...x].filter((r) => !y.has(r));
    const added = [...y].filter((r) => !x.has(r));
    if (gone.length || added.length) out.push(`${t}: ${gone.length} rows gone or changed, ${added.length} rows new or changed; e.g. ${(added[0] ?? gone[0])!.slice(0, 300)}`);
  }
  return out;
}
