import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { signIn } from '../../lib/backend/http/auth-client';
import { HttpBackend } from '../../lib/backend/http/http-backend';
import type { OperationRegistry } from '../../lib/contract/operations';
import { memoryTokenStore } from '../../lib/backend/http/token-store';
import type { ServerConfig } from '../../server/config';
import { migrate, openDatabase, sqlStore } from '../../server/db';
import { migrations } from '../../server/db/migrate';
import { openPglite } from '../../server/db/pglite';
import { DEMO_PASSWORD, seedDemo } from '../../server/seed';
import { startServer, type RunningServer } from '../../server/server';
import type { PgCluster } from '../server/pg-cluster';
import type { ContractHarness, ContractRegion } from './harness';

/** Where one region's data lives, and how to throw it away. */
export interface RegionDb {
  config: Partial<ServerConfig>;
  loadDataDir?: Blob | File;
  cleanup(): Promise<void>;
}

/** One key for every test server of this run: a region reopened by another server still reads its TOTP secrets. */
const TEST_TOTP_KEY = randomBytes(32);

export const testConfig = (overrides: Partial<ServerConfig> = {}): ServerConfig => ({
  host: '127.0.0.1', port: 0, dataDir: '', allowedOrigins: [], publicUrl: 'http://127.0.0.1', demo: false,
  trustProxy: false, bodyLimit: 256 * 1024, totpKey: TEST_TOTP_KEY, production: false, auditSealMs: 0,
  mailFrom: 'Netwerkzorg <noreply@netwerkzorg.test>', notifyQuietMs: 15 * 60_000, mailPollMs: 0, ...overrides,
});

/** A signed-in HttpBackend for a demo person, over real HTTP. */
export async function signInAs(server: RunningServer, professionalId: string, operations?: OperationRegistry): Promise<HttpBackend> {
  const person = await server.ctx.store.transaction('read', (tx) => tx.get('professionals', professionalId));
  if (!person) throw new Error(`no demo person ${professionalId}`);
  const r = await signIn(server.url, { email: person.email, password: DEMO_PASSWORD });
  if (!r.ok) throw new Error(`sign-in as ${professionalId} refused: ${r.code}`);
  return new HttpBackend({ baseUrl: server.url, tokens: memoryTokenStore(r.value.token), operations });
}

/** A region = the reference server on 127.0.0.1 (random port) over a fresh copy of the seeded demo database. */
export async function startRegion(regionDb: RegionDb, options: Parameters<typeof startServer>[1] = {}): Promise<RunningServer & { region: ContractRegion }> {
  const server = await startServer(testConfig(regionDb.config), { ...options, loadDataDir: regionDb.loadDataDir });
  const region: ContractRegion = {
    as: (id) => signInAs(server, id, options.operations),
    snapshot: () => server.ctx.store.snapshot(),
    async dispose() {
      await server.close();
      await regionDb.cleanup();
    },
  };
  return { ...server, region };
}

export function httpHarness(name: string, newRegionDb: () => Promise<RegionDb>): ContractHarness {
  return {
    name,
    async setup(options = {}) {
      return (await startRegion(await newRegionDb(), { operations: options.operations })).region;
    },
  };
}

let pgliteDump: Promise<Blob | File> | undefined;
/**
 * The demo region, migrated and seeded, as a PGlite dump. Made once and kept
 * in the temp folder under a hash of the migrations and the demo data, so
 * test files (and runs) share it; a change to either makes a new one.
 */
export function seededPgliteDump(): Promise<Blob | File> {
  pgliteDump ??= (async () => {
    const inputs = [...migrations().map((m) => m.sql), readFileSync(new URL('../../lib/service/demo-region.ts', import.meta.url), 'utf8')];
    const hash = createHash('sha256').update(inputs.join('\0')).digest('hex').slice(0, 16);
    const file = join(tmpdir(), `netwerkzorg-test-region-${hash}.tar`);
    if (existsSync(file)) return new Blob([readFileSync(file)]);
    const db = await openPglite();
    try {
      await migrate(db);
      await seedDemo(sqlStore(db));
      const dump = await db.pglite.dumpDataDir('none');
      const partial = `${file}.${process.pid}.tmp`;
      writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
      renameSync(partial, file);
      return dump;
    } finally {
      await db.close();
    }
  })();
  return pgliteDump;
}

/** Each region: a new temp folder loaded from the template (about a second). */
export async function pgliteRegion(): Promise<RegionDb> {
  const dir = mkdtempSync(join(tmpdir(), 'nz-region-'));
  return {
    config: { dataDir: join(dir, 'pglite') },
    loadDataDir: await seededPgliteDump(),
    async cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Regions on one PostgreSQL cluster: a seeded template database, copied per
 * region with CREATE DATABASE … TEMPLATE (fast, and fully isolated). Each
 * has the two roles of a deployment: the owner migrates, the server runs as
 * its own role (server/README.md, Security).
 */
export function postgresRegions(cluster: PgCluster) {
  let template: Promise<void> | undefined;
  let n = 0;
  const admin = async <T>(fn: (c: pg.Client) => Promise<T>) => {
    const c = new pg.Client({ connectionString: cluster.url() });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  return async (): Promise<RegionDb> => {
    template ??= (async () => {
      await cluster.createDatabase('nz_template');
      const { databaseUrl, migrationUrl } = cluster.serverUrls('nz_template');
      const { db, store } = await openDatabase({ databaseUrl, migrationDatabaseUrl: migrationUrl });
      try {
        await seedDemo(store);
      } finally {
        await db.close();
      }
    })();
    await template;
    const name = `region_${process.pid}_${++n}`;
    await cluster.createDatabase(name, 'nz_template');
    const urls = cluster.serverUrls(name);
    return {
      config: { databaseUrl: urls.databaseUrl, migrationDatabaseUrl: urls.migrationUrl },
      async cleanup() {
        await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      },
    };
  };
}
