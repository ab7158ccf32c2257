import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openIdbStore } from '../../lib/backend/local/idb-store';
import type { IndexQuery } from '../../lib/contract/stores';
import type { Store } from '../../lib/service/store';
import type { Organisation, Professional, Put, StoreName } from '../../lib/domain';
import { migrate, sqlStore, type Db, type SqlRunner, type SqlStore } from '../../server/db';
import { sqlTx } from '../../server/db/sql-store';
import * as plans from '../../lib/contract/plan';
import { migrations } from '../../server/db/migrate';
import { openPglite } from '../../server/db/pglite';
import { openPostgres } from '../../server/db/postgres';
import { expectedIndexes, indexDefs } from '../../server/db/schema';
import { seededPgliteDump } from '../contract/http-harness';
import { startCluster, type PgCluster } from './pg-cluster';
import { postgresSuite } from './postgres-gate';

const at = (n: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, n % 60, 0) + Math.floor(n / 60) * 3600_000).toISOString();
const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);

const OWNERS = ['p-a', 'p-b', 'p-c'];
const VIAS = ['', 'inbox-1', 'inbox-2'];
const CONVS = ['conv-1', 'conv-2', 'conv-3'];
const ORGS = ['org-a', 'org-b', 'org-c'];
const TIMES = [0, 1, 2, 3, 61, 3599].map(at);

/** Records whose index fields collide a lot, so ties, prefixes and bounds get exercised. */
function records(): fc.Arbitrary<Put[]> {
  const item = fc.record({
    id: fc.stringMatching(/^[a-z0-9]{1,6}$/), ownerId: pick(OWNERS), via: pick(VIAS), conversationId: pick(CONVS),
    lastActivity: pick(TIMES), archived: pick([0, 1] as const), unread: pick([0, 1] as const),
  }).map((r): Put => ({
    store: 'inboxItems',
    value: { ...r, id: `i-${r.id}`, networkId: 'n', clientId: 'c', subject: 's', openTask: false },
  }));
  const message = fc.record({ id: fc.stringMatching(/^[a-z0-9]{1,6}$/), conversationId: pick(CONVS), createdAt: pick(TIMES) })
    .map((r): Put => ({
      store: 'messages',
      value: { ...r, id: `m-${r.id}`, authorId: 'p', authorKind: 'professional', authorName: 'n', authorRole: 'gp', authorOrgName: 'o', text: 't' },
    }));
  const client = fc.record({
    id: fc.stringMatching(/^[a-z0-9]{1,6}$/), orgIds: fc.uniqueArray(pick(ORGS), { maxLength: 3 }),
    bsn: fc.option(pick(['111222333', '123456782']), { nil: undefined }),
  }).map((r): Put => ({
    store: 'clients',
    value: { id: `c-${r.id}`, name: 'x', birthDate: '1950-01-01', orgIds: r.orgIds, createdAt: at(0), ...(r.bsn ? { bsn: r.bsn } : {}) },
  }));
  const text = fc.record({ id: fc.stringMatching(/^[a-z0-9]{1,4}$/), version: fc.integer({ min: 1, max: 12 }) }).map((r): Put => ({
    store: 'consentTexts',
    value: { id: `t-${r.id}`, version: r.version, text: 'x', hash: '0'.repeat(64), publishedBy: 'p', publishedAt: at(0) },
  }));
  return fc.array(fc.oneof(item, message, client, text), { minLength: 5, maxLength: 60 });
}

const VALUES: Record<string, readonly (string | number)[]> = {
  ownerId: OWNERS, via: VIAS, conversationId: CONVS, lastActivity: TIMES, createdAt: TIMES, archived: [0, 1], unread: [0, 1],
  id: ['i-a', 'i-m', 'm-5', 'm-z', 'i-0'], orgIds: ORGS, bsn: ['111222333', '123456782'], version: [1, 2, 9, 10, 12],
};
const CHECKED: StoreName[] = ['inboxItems', 'messages', 'clients', 'consentTexts'];

function queries(): fc.Arbitrary<{ store: StoreName; index: string; q: IndexQuery }> {
  const cases = CHECKED.flatMap((store) => indexDefs(store).map(([index, def]) => ({ store, index, def })));
  return pick(cases).chain(({ store, index, def }) => {
    const fields = Array.isArray(def) ? (def as string[]) : [(def as { multi: string }).multi];
    const tuple = (from: number, max: number) => fc.integer({ min: 0, max }).chain((n) =>
      fc.tuple(...fields.slice(from, from + n).map((f) => pick(VALUES[f]!))) as fc.Arbitrary<(string | number)[]>);
    return fc.integer({ min: 0, max: Array.isArray(def) ? fields.length : 1 }).chain((e) => fc.record({
      equals: e ? (fc.tuple(...fields.slice(0, e).map((f) => pick(VALUES[f]!))) as fc.Arbitrary<(string | number)[]>) : fc.constant([] as (string | number)[]),
      lower: Array.isArray(def) ? fc.option(tuple(e, fields.length - e), { nil: undefined }) : fc.constant(undefined),
      upper: Array.isArray(def) ? fc.option(tuple(e, fields.length - e), { nil: undefined }) : fc.constant(undefined),
      inclusive: fc.boolean(),
      reverse: fc.boolean(),
      limit: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
    })).map((q) => ({ store, index, q }));
  });
}

async function load(store: Store, puts: Put[]) {
  await store.transaction('write', async (tx) => {
    for (const p of puts) await tx.put(p);
  });
}

/** A runner that counts its statements: a read answered from a preload makes none. */
function counting(sql: SqlRunner): SqlRunner & { n: number } {
  const c = {
    n: 0,
    query: <T>(text: string, params?: unknown[]) => {
      c.n++;
      return sql.query<T>(text, params);
    },
    exec: (text: string) => {
      c.n++;
      return sql.exec(text);
    },
  };
  return c;
}

async function clear(db: Db) {
  for (const store of CHECKED) {
    await db.exec(`TRUNCATE "${store}"`);
    for (const [index, def] of indexDefs(store)) if (!Array.isArray(def)) await db.exec(`TRUNCATE "${store}__${index}"`);
  }
}

function storeSuite(name: string, open: () => Promise<Db>) {
  describe(`SQL store on ${name}`, () => {
    let db: Db;
    let store: SqlStore;
    beforeAll(async () => {
      db = await open();
      await migrate(db);
      store = sqlStore(db);
    });
    afterAll(async () => {
      await db?.close();
    });

    it('records every migration once; running again applies nothing', async () => {
      const rows = await db.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id');
      expect(rows.map((r) => r.id)).toEqual(migrations().map((m) => m.id));
      expect(await migrate(db)).toEqual([]);
    });

    it('has an index for every entry of INDEXES', async () => {
      const rows = await db.query<{ tablename: string; indexname: string }>(
        "SELECT tablename, indexname FROM pg_indexes WHERE schemaname = 'public'");
      const have = new Set(rows.map((r) => `${r.tablename}/${r.indexname}`));
      for (const { table, name } of expectedIndexes()) expect(have, `${table}/${name}`).toContain(`${table}/${name}`);
    });

    it('keeps the audit table append-only in the database itself (R15)', async () => {
      const tx = (fn: (sql: import('../../server/db').SqlRunner) => Promise<unknown>) => db.transaction('write', fn);
      await store.transaction('write', (t) => t.put({
        store: 'audit',
        value: {
          id: 'a-1', at: at(0), event: 'read', action: 'x', outcome: 'success', userId: 'p', responsibleUserId: 'p', role: 'gp',
          orgId: 'o', clientId: 'c', objectType: 'client', objectId: 'c', source: 'server', emergency: false,
        },
      }));
      await expect(tx((s) => s.query(`UPDATE audit SET doc = '{}'::jsonb`))).rejects.toMatchObject({ code: '42501' });
      await expect(tx((s) => s.query('DELETE FROM audit'))).rejects.toMatchObject({ code: '42501' });
      await expect(tx((s) => s.query('TRUNCATE audit'))).rejects.toMatchObject({ code: '42501' });
      await expect(store.transaction('write', (t) => t.put({
        store: 'audit',
        value: {
          id: 'a-1', at: at(1), event: 'read', action: 'y', outcome: 'success', userId: 'p', responsibleUserId: 'p', role: 'gp',
          orgId: 'o', clientId: 'c', objectType: 'client', objectId: 'c', source: 'server', emergency: false,
        },
      }))).rejects.toBeTruthy();
      expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit'))[0]!.n).toBe(1);
    });

    it('answers every index query as IndexedDB does (order, bounds, prefixes, limits, counts)', async () => {
      let n = 0;
      await fc.assert(fc.asyncProperty(records(), fc.array(queries(), { minLength: 10, maxLength: 10 }), async (puts, qs) => {
        await clear(db);
        const idb = await openIdbStore(`sql-vs-idb-${name}-${++n}`);
        try {
          await load(idb, puts);
          await load(store, puts);
          for (const { store: s, index, q } of qs) {
            const expected = await idb.transaction('read', async (tx) => (await tx.query(s, index as never, q)).map((r) => r.id));
            const expectedCount = await idb.transaction('read', (tx) => tx.count(s, index as never, q));
            const got = await store.transaction('read', async (tx) => (await tx.query(s, index as never, q)).map((r) => r.id));
            const count = await store.transaction('read', (tx) => tx.count(s, index as never, q));
            expect(got, `${s}.${index} ${JSON.stringify(q)}`).toEqual(expected);
            expect(count, `count ${s}.${index} ${JSON.stringify(q)}`).toBe(expectedCount);
          }
          // The same queries as one plan: one statement on SQL, the same answers as IndexedDB's.
          const plan = Object.fromEntries(qs.flatMap(({ store: s, index, q }, i) => [
            [`rows${i}`, plans.rows(s, index as never, q)],
            [`count${i}`, plans.counts(s, index as never, { q })],
          ]));
          const expectedPlan = await idb.transaction('read', (tx) => tx.read(plan));
          await db.transaction('read', async (raw) => {
            const sql = counting(raw);
            const got = await sqlTx(sql).read(plan);
            expect(sql.n).toBe(1);
            expect(got).toEqual(expectedPlan);
          });
          const all = await idb.transaction('read', (tx) => tx.all('inboxItems', 7));
          expect(await store.transaction('read', (tx) => tx.all('inboxItems', 7))).toEqual(all);
        } finally {
          idb.close();
        }
      }), { numRuns: 40 });
    }, 120_000);

    it('answers a whole plan in one statement: records, a field followed to its record, lists, missing ones', async () => {
      const person: Professional = {
        id: 'p-pre', orgId: 'org-pre', teamIds: [], name: 'Anna', email: 'anna@praktijk.nl', role: 'gp', isCareProfessional: true,
        isAccountManager: false, isRegionalAdmin: false, active: true, createdAt: at(0),
      };
      const org: Organisation = { id: 'org-pre', name: 'Praktijk', kind: 'gp', emailDomains: ['praktijk.nl'] };
      await store.transaction('write', async (t) => {
        await t.put({ store: 'professionals', value: person });
        await t.put({ store: 'organisations', value: org });
      });
      const plan = {
        person: plans.record('professionals', 'p-pre'),
        org: plans.follow('organisations', { store: 'professionals', id: 'p-pre', field: 'orgId' }),
        nobody: plans.record('professionals', 'p-nobody'),
        nobodysOrg: plans.follow('organisations', { store: 'professionals', id: 'p-nobody', field: 'orgId' }),
        unasked: plans.record('professionals', undefined),
        some: plans.records('professionals', ['p-nobody', 'p-pre', 'p-pre']),
        none: plans.records('professionals', []),
        noQuery: plans.rows('professionals', 'byOrg', undefined),
        everyOrg: plans.all('organisations'),
      };
      await db.transaction('read', async (raw) => {
        const sql = counting(raw);
        const got = await sqlTx(sql).read(plan);
        expect(sql.n).toBe(1);
        expect(got.person).toEqual(person);
        expect(got.org).toEqual(org);
        expect(got.nobody).toBeUndefined();
        expect(got.nobodysOrg).toBeUndefined();
        expect(got.unasked).toBeUndefined();
        expect(got.some).toEqual([person]);
        expect(got.none).toEqual([]);
        expect(got.noQuery).toEqual([]);
        expect(got.everyOrg.map((o) => o.id)).toContain('org-pre');
      });
      // IndexedDB answers the same plan the same.
      const idb = await openIdbStore(`plan-${name}-${Date.now()}`);
      try {
        await load(idb, [{ store: 'professionals', value: person }, { store: 'organisations', value: org }]);
        const fromIdb = await idb.transaction('read', (tx) => tx.read(plan));
        expect({ ...fromIdb, everyOrg: undefined }).toEqual({ ...(await store.transaction('read', (tx) => tx.read(plan))), everyOrg: undefined });
      } finally {
        idb.close();
      }
    });

    it('reads a page of an inbox list with an index range scan, never a sort of the table', async () => {
      const plan = await db.transaction('read', async (sql) => {
        await sql.query('SET LOCAL enable_seqscan = off');
        await sql.query('SET LOCAL enable_bitmapscan = off');
        const rows = await sql.query<Record<string, string>>(`EXPLAIN SELECT doc FROM "inboxItems"
          WHERE ((doc->>'ownerId') COLLATE "C") = $1::text AND ((doc->>'via') COLLATE "C") = $2::text AND ((doc->>'archived')::numeric) = $3::numeric
          AND (((doc->>'lastActivity') COLLATE "C"), id) < ($4::text, $5::text)
          ORDER BY ((doc->>'ownerId') COLLATE "C") DESC, ((doc->>'via') COLLATE "C") DESC, ((doc->>'archived')::numeric) DESC,
          ((doc->>'lastActivity') COLLATE "C") DESC, id DESC LIMIT 26`, ['p-a', '', 0, at(5), 'x']);
        return rows.map((r) => Object.values(r)[0]).join('\n');
      });
      expect(plan).toMatch(/Index Scan Backward using "?inboxItems__byList"?/);
      expect(plan).not.toMatch(/Sort/);
    });
  });
}

storeSuite('PGlite', () => openPglite());

if (postgresSuite('SQL store on PostgreSQL')) {
  let cluster: PgCluster | undefined;
  afterAll(async () => {
    await cluster?.stop();
  });
  storeSuite('PostgreSQL', async () => {
    cluster = await startCluster();
    const admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    await admin.query('CREATE DATABASE store_test');
    await admin.end();
    return openPostgres(cluster.url('store_test'));
  });
}

describe('PGlite data folder', () => {
  it('is locked to one opener; the lock goes when the database closes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nz-lock-'));
    try {
      // Loading a dump is much faster than a first start of an empty folder.
      const first = await openPglite({ folder: join(dir, 'pglite'), loadDataDir: await seededPgliteDump() });
      await expect(openPglite({ folder: join(dir, 'pglite') })).rejects.toThrow(/in use/);
      await first.close();
      const again = await openPglite({ folder: join(dir, 'pglite') });
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

