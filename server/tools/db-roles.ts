/**
 * `npx tsx server/tools/db-roles.ts ADMIN_URL [DATABASE] [HOST_FOR_URLS]`: sets up PostgreSQL for the
 * server the way server/README.md (Security) describes: an owner role whom migrations run
 * as (nz_owner), the server's own role (nz_app), and a database owned by the owner. Run it
 * once with a superuser's URL (e.g. postgresql://postgres@localhost/postgres); it prints
 * DATABASE_URL and NZ_MIGRATION_DATABASE_URL for `npm start`. Roles and database that
 * exist already are left as they are (their passwords are not changed or printed).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const [adminUrl, database = 'netwerkzorg'] = process.argv.slice(2);
if (!adminUrl || !/^[a-z_][a-z0-9_]*$/.test(database)) {
  process.stderr.write('usage: npx tsx server/tools/db-roles.ts ADMIN_URL [DATABASE (lower case, digits, _)]\n');
  process.exit(2);
}

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
const made: Record<string, string> = {};
try {
  for (const role of ['nz_owner', 'nz_app']) {
    if ((await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount) continue;
    // base64url has no quote or backslash: safe inside the literal CREATE ROLE needs.
    const password = randomBytes(24).toString('base64url');
    await admin.query(`CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '${password}'`);
    made[role] = password;
  }
  if (!(await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])).rowCount) {
    await admin.query(`CREATE DATABASE ${database} OWNER nz_owner`);
  }
} finally {
  await admin.end();
}

const url = (role: string) => {
  const u = new URL(adminUrl);
  u.username = role;
  u.password = made[role] ?? '';
  u.pathname = `/${database}`;
  return u.toString();
};
process.stdout.write(`DATABASE_URL=${url('nz_app')}\nNZ_MIGRATION_DATABASE_URL=${url('nz_owner')}\n`);
if (Object.keys(made).length < 2) process.stdout.write('# Roles that existed already keep their passwords: fill them in.\n');
