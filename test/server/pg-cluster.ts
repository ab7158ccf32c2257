import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A throwaway PostgreSQL cluster for tests: initdb + pg_ctl in a temp
 * folder, on a free port on 127.0.0.1, trust authentication, fsync off.
 * PostgreSQL refuses to run as root, so as root it runs as user `postgres`.
 */
const BIN_DIRS = [process.env.NZ_PG_BIN, '/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin']
  .filter((d): d is string => !!d);

export function findPgBin(): string | undefined {
  return BIN_DIRS.find((d) => existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl')));
}

function postgresUid(): number | undefined {
  try {
    return Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  } catch {
    return undefined;
  }
}

/** Why the cluster cannot start here, or undefined when it can. */
export function postgresMissing(): string | undefined {
  if (!findPgBin()) return `PostgreSQL binaries (initdb, pg_ctl) not found in ${BIN_DIRS.join(', ')}`;
  if (process.getuid?.() === 0 && postgresUid() === undefined) return 'running as root and there is no user "postgres" to run PostgreSQL as';
  return undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The two roles a deployment runs with (server/README.md, Security): the
 * owner of the schema, whom migrations run as, and the server's own role,
 * which may add audit records but never change or remove them.
 */
export const OWNER_ROLE = 'nz_owner';
export const SERVER_ROLE = 'nz_app';

export interface PgCluster {
  port: number;
  /** The cluster's data directory (its postmaster.pid names the server process). */
  dataDir: string;
  /** A connection URL for a database in this cluster, as the superuser (for the test's own looks and changes). */
  url(database?: string): string;
  /** A connection URL as one of the two roles. */
  roleUrl(role: typeof OWNER_ROLE | typeof SERVER_ROLE, database: string): string;
  /** Creates an empty database owned by the owner role. */
  createDatabase(name: string, template?: string): Promise<void>;
  /** What a server on this database is started with: its own role, and the owner for migrations. */
  serverUrls(database: string): { databaseUrl: string; migrationUrl: string };
  stop(): Promise<void>;
}

export async function startCluster(): Promise<PgCluster> {
  const missing = postgresMissing();
  if (missing) throw new Error(missing);
  const bin = findPgBin()!;
  const dir = mkdtempSync(join(tmpdir(), 'nz-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(dir, postgresUid()!, -1);
  const run = (cmd: string, args: string[]) => asRoot
    ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { stdio: 'pipe' })
    : execFileSync(join(bin, cmd), args, { stdio: 'pipe' });
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--locale=C', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  // NZ_PG_OPTIONS: more settings for a diagnosis, e.g. `-c shared_preload_libraries=pg_stat_statements`.
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 ${process.env.NZ_PG_OPTIONS ?? ''}`;
  run('pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  let stopped = false;
  const url = (database = 'postgres', role = 'postgres') => `postgresql://${role}@127.0.0.1:${port}/${database}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: url() });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE ROLE ${OWNER_ROLE} LOGIN; CREATE ROLE ${SERVER_ROLE} LOGIN`);
  return {
    port,
    dataDir: data,
    url,
    roleUrl: (role, database) => url(database, role),
    createDatabase: (name, template) => admin(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''} OWNER ${OWNER_ROLE}`),
    serverUrls: (database) => ({ databaseUrl: url(database, SERVER_ROLE), migrationUrl: url(database, OWNER_ROLE) }),
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** In CI a missing PostgreSQL fails the run instead of skipping it. */
export const mustHavePostgres = process.env.CI === 'true';
