import { ident, type SqlRunner } from './sql';

/** Tables whose rows are evidence: the server's role may add and read them, never change or remove them (R15). */
export const APPEND_ONLY = ['audit', 'audit_seals'] as const;

/**
 * What the server's own role may do, granted by the owner after migrations
 * (again at every start, so tables of new migrations are covered): read and
 * write the server's tables, only add to and read the append-only ones, only
 * read which migrations ran. The owner keeps ALTER, DROP and the triggers:
 * only an owner can disable a trigger.
 */
export async function grantServerRole(owner: SqlRunner, role: string) {
  const r = ident(role);
  const appendOnly = APPEND_ONLY.map(ident).join(', ');
  await owner.exec(`
    GRANT USAGE ON SCHEMA public TO ${r};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r};
    REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${appendOnly} FROM ${r};
    REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM ${r};
  `);
}

/**
 * Why the connected role could change or remove audit records, or undefined
 * when it cannot: it owns the table (and so can disable its trigger), is a
 * member of the owner, is a superuser, or holds UPDATE, DELETE or TRUNCATE.
 */
export async function auditWritableBecause(sql: SqlRunner): Promise<string | undefined> {
  const row = (await sql.query<{ owns: boolean; super: boolean; writes: boolean }>(`
    SELECT pg_has_role(current_user, c.relowner, 'MEMBER') AS owns,
           (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS super,
           has_table_privilege('audit', 'UPDATE') OR has_table_privilege('audit', 'DELETE') OR has_table_privilege('audit', 'TRUNCATE') AS writes
    FROM pg_class c WHERE c.oid = 'audit'::regclass`))[0];
  if (!row) return 'no audit table';
  if (row.super) return 'the server runs as a superuser';
  if (row.owns) return 'the server\'s role owns the audit table';
  if (row.writes) return 'the server\'s role may update, delete or truncate audit records';
  return undefined;
}
