import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../lib/domain';
import { sealAudit, verifyAudit } from '../../server/audit/seal';
import { openDatabase, type Db, type SqlStore } from '../../server/db';
import { auditWritableBecause } from '../../server/db/roles';
import { startServer } from '../../server/server';
import { testConfig } from '../contract/http-harness';
import { startCluster, type PgCluster } from './pg-cluster';
import { postgresSuite } from './postgres-gate';
import { REPO_ROOT } from './support/server-process';

let n = 0;
const record = (): AuditEvent => ({
  id: `audit-test-${++n}`, at: new Date(Date.UTC(2026, 3, 1, 9, 0, n)).toISOString(), event: 'read', action: 'readClient', outcome: 'success',
  userId: 'p-jansen', responsibleUserId: 'p-jansen', role: 'assistant', orgId: 'org-hap-lombok', clientId: 'c-pietersen',
  objectType: 'client', objectId: 'c-pietersen', source: 'sidepanel', emergency: false,
});
const write = (store: SqlStore, count: number) => store.transaction('write', async (tx) => {
  for (let i = 0; i < count; i++) await tx.put({ store: 'audit', value: record() });
});
const now = () => new Date();

describe('audit seals (PGlite)', () => {
  let db: Db;
  let store: SqlStore;
  beforeAll(async () => {
    ({ db, store } = await openDatabase({}));
  });
  afterAll(async () => {
    await db?.close();
  });

  it('audit seals: chained seals over what was written since the last one; a changed or removed record is found', async () => {
    expect(await sealAudit(db, now())).toBeUndefined();
    await write(store, 3);
    const first = await sealAudit(db, now());
    expect(first).toMatchObject({ seq: 1, records: 3 });
    await write(store, 2);
    const second = await sealAudit(db, now());
    expect(second).toMatchObject({ seq: 2, records: 2, prevHash: first!.hash });
    await write(store, 1);
    expect(await verifyAudit(db, { expectHash: first!.hash })).toMatchObject({ ok: true, seals: 2, sealed: 5, unsealed: 1, lastHash: second!.hash });
    // PGlite has one role, the owner: it can lift the trigger, and the seals still tell.
    await db.exec(`ALTER TABLE audit DISABLE TRIGGER audit_append_only;
      UPDATE audit SET doc = jsonb_set(doc, '{outcome}', '"refused"') WHERE id = 'audit-test-2';
      DELETE FROM audit WHERE id = 'audit-test-5';
      ALTER TABLE audit ENABLE TRIGGER audit_append_only`);
    const v = await verifyAudit(db);
    expect(v.ok).toBe(false);
    expect(v.problems).toEqual(['seal 1: a record it covers was changed', 'seal 2: covers 2 records, 1 are there (removed or added since)']);
    expect((await verifyAudit(db, { expectHash: 'f'.repeat(64) })).problems).toContain(`no seal has the expected hash ${'f'.repeat(64)}`);
  });
});

if (postgresSuite('audit table protection on PostgreSQL')) {
  describe('audit table protection on PostgreSQL', () => {
    let cluster: PgCluster;
    let db: Db;
    let store: SqlStore;
    let app: pg.Client;
    let superuser: pg.Client;
    beforeAll(async () => {
      cluster = await startCluster();
      await cluster.createDatabase('audit');
      const urls = cluster.serverUrls('audit');
      ({ db, store } = await openDatabase({ databaseUrl: urls.databaseUrl, migrationDatabaseUrl: urls.migrationUrl }));
      app = new pg.Client({ connectionString: urls.databaseUrl });
      superuser = new pg.Client({ connectionString: cluster.url('audit') });
      await Promise.all([app.connect(), superuser.connect()]);
    }, 120_000);
    afterAll(async () => {
      await app?.end();
      await superuser?.end();
      await db?.close();
      await cluster?.stop();
    });

    it('audit table protection: the server\'s role cannot UPDATE, DELETE or TRUNCATE audit rows, nor ALTER, disable or drop the trigger', async () => {
      await write(store, 2);
      expect(await auditWritableBecause(db)).toBeUndefined();
      const refused = async (sql: string) => {
        const e = await app.query(sql).then(() => undefined, (err: { code?: string }) => err);
        return e?.code;
      };
      for (const table of ['audit', 'audit_seals']) {
        expect(await refused(`UPDATE ${table} SET seq = seq`.replace('seq = seq', table === 'audit' ? "doc = '{}'" : 'records = 0')), table).toBe('42501');
        expect(await refused(`DELETE FROM ${table}`), table).toBe('42501');
        expect(await refused(`TRUNCATE ${table}`), table).toBe('42501');
        expect(await refused(`DROP TABLE ${table}`), table).toBe('42501');
      }
      for (const sql of [
        'ALTER TABLE audit DISABLE TRIGGER audit_append_only', 'ALTER TABLE audit DISABLE TRIGGER ALL', 'DROP TRIGGER audit_append_only ON audit',
        'ALTER TABLE audit OWNER TO nz_app', 'ALTER TABLE audit_seals DISABLE TRIGGER audit_seals_append_only',
        'CREATE OR REPLACE FUNCTION nz_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$',
        'SET session_replication_role = replica', 'CREATE TABLE audit_copy (x int)',
      ]) expect(await refused(sql), sql).toBe('42501');
      // What it may do: add and read.
      expect((await app.query('SELECT count(*)::int AS n FROM audit')).rows[0].n).toBe(2);
      expect((await app.query("INSERT INTO audit (id, doc) VALUES ('audit-by-app', '{}') RETURNING id")).rowCount).toBe(1);
      // The superuser could; the server refuses to run as one in production.
      await expect(startServer(testConfig({ databaseUrl: cluster.url('audit'), production: true }))).rejects.toThrow(/audit table is not protected: the server runs as a superuser/);
    });

    it('audit seals on PostgreSQL: a transaction still open, and all after it, are left for the next seal, without waiting for it', async () => {
      const writer = new pg.Client({ connectionString: cluster.serverUrls('audit').databaseUrl });
      await writer.connect();
      try {
        await writer.query('BEGIN');
        await writer.query("INSERT INTO audit (id, doc) VALUES ('audit-late', '{\"late\":true}')");
        await write(store, 3);
        // The seal covers transactions older than the oldest still running: the three after the open one wait too.
        const first = await sealAudit(db, now());
        expect(first?.records).toBe(3);
        await writer.query('COMMIT');
      } finally {
        await writer.end();
      }
      const next = await sealAudit(db, now());
      expect(next?.records).toBe(4);
      expect(await verifyAudit(db)).toMatchObject({ ok: true, seals: 2, sealed: 7, unsealed: 0 });
    });

    it('audit table protection: server/tools/db-roles.ts sets up the two roles for `npm start`', async () => {
      const run = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/tools/db-roles.ts', cluster.url(), 'nz_tool'], { cwd: REPO_ROOT });
      const env = Object.fromEntries(run.stdout.split('\n').filter((l) => l.includes('=') && !l.startsWith('#')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
      expect(new URL(env.DATABASE_URL!).username).toBe('nz_app');
      expect(new URL(env.NZ_MIGRATION_DATABASE_URL!).username).toBe('nz_owner');
      const opened = await openDatabase({ databaseUrl: env.DATABASE_URL, migrationDatabaseUrl: env.NZ_MIGRATION_DATABASE_URL });
      try {
        expect(await auditWritableBecause(opened.db)).toBeUndefined();
      } finally {
        await opened.db.close();
      }
    }, 60_000);

    it('audit seals on PostgreSQL: the check finds a record the owner changed or removed, also by the command', async () => {
      const verify = () => promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/tools/verify-audit.ts'], {
        cwd: REPO_ROOT, env: { ...process.env, DATABASE_URL: cluster.serverUrls('audit').databaseUrl, NZ_TOTP_KEY: 'ab'.repeat(32) },
      }).then((r) => ({ code: 0, out: r.stdout }), (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }));
      expect(await verify()).toMatchObject({ code: 0, out: expect.stringContaining('The audit log matches its seals.') });
      await superuser.query(`ALTER TABLE audit DISABLE TRIGGER audit_append_only;
        UPDATE audit SET doc = jsonb_set(doc, '{userId}', '"p-someone-else"') WHERE id = 'audit-late';
        ALTER TABLE audit ENABLE TRIGGER audit_append_only`);
      expect((await verifyAudit(db)).problems).toEqual(['seal 2: a record it covers was changed']);
      await superuser.query(`ALTER TABLE audit DISABLE TRIGGER audit_append_only;
        DELETE FROM audit WHERE id = (SELECT id FROM audit ORDER BY txid, id LIMIT 1);
        ALTER TABLE audit ENABLE TRIGGER audit_append_only`);
      const v = await verifyAudit(db);
      expect(v.problems).toEqual(['seal 1: covers 3 records, 2 are there (removed or added since)', 'seal 2: a record it covers was changed']);
      const cli = await verify();
      expect(cli.code).toBe(1);
      expect(cli.out).toContain('PROBLEM: seal 1: covers 3 records, 2 are there');
    }, 60_000);
  });
}
