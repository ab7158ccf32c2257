/**
 * Backups as server/README.md describes them: `pg_dump` of a server's PostgreSQL (custom format),
 * restored with `pg_restore` into a fresh cluster that has only the two roles (nz_owner, nz_app). A
 * server started on the restored database answers what the original answered, and the contract
 * suite's read checks (deny by default, R8, input validation) pass against it.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../lib/contract/port';
import { httpHarness, postgresRegions, startRegion, type RegionDb } from '../contract/http-harness';
import { readSuite } from '../contract/suite/reads';
import { findPgBin, startCluster, type PgCluster } from './pg-cluster';
import { postgresSuite } from './postgres-gate';

/** A PostgreSQL client program as the superuser of a test cluster (as user postgres when we are root). */
function pgTool(tool: 'pg_dump' | 'pg_restore', cluster: PgCluster, args: string[], input?: Buffer): Buffer {
  const bin = join(findPgBin()!, tool);
  const all = ['-h', '127.0.0.1', '-p', String(cluster.port), '-U', 'postgres', ...args];
  const [cmd, argv] = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', bin, ...all]] : [bin, all];
  return execFileSync(cmd, argv, { input, maxBuffer: 512 << 20 });
}

const must = async <T>(p: Promise<{ ok: true; value: T } | { ok: false; code: string }>) => {
  const r = await p;
  if (!r.ok) throw new Error(`refused: ${r.code}`);
  return r.value;
};

/** What the region says about one conversation, as its participants read it. */
async function reads(jansen: Backend, ids: { conversationId: string; networkId: string; clientId: string }) {
  const conversation = await must(jansen.call('readConversation', { conversationId: ids.conversationId }));
  const network = await must(jansen.call('readNetwork', { networkId: ids.networkId }));
  const history = await must(jansen.call('accessHistory', { clientId: ids.clientId, from: '2020-01-01', to: '2100-01-01' }));
  const inbox = await must(jansen.call('listInbox', { via: 'inbox-assistentes', archived: false, limit: 50 }));
  return { conversation, network, history, inbox };
}

if (postgresSuite('backup and restore (pg_dump, pg_restore)')) {
  describe('a server restored from pg_dump into a fresh cluster', () => {
    let source: PgCluster;
    let target: PgCluster;
    let ids: { conversationId: string; networkId: string; clientId: string };
    let before: Awaited<ReturnType<typeof reads>>;
    let copies = 0;

    beforeAll(async () => {
      [source, target] = await Promise.all([startCluster(), startCluster()]);
      // A region in use: a conversation from home care to the practice, answered and exported to the record.
      const regionDb = await postgresRegions(source)();
      const server = await startRegion(regionDb);
      try {
        const [yilmaz, jansen] = await Promise.all([server.region.as('p-yilmaz'), server.region.as('p-jansen')]);
        const client = await must(yilmaz.call('createClient', { name: 'Truus Terugzet', birthDate: '1941-06-03' }));
        const text = await must(yilmaz.call('currentConsentText', {}));
        await must(yilmaz.call('recordConsent', { clientId: client.id, textId: text!.id, givenBy: { kind: 'client' }, method: 'verbal' }));
        const network = await must(yilmaz.call('createNetwork', { clientId: client.id }));
        const conv = await must(yilmaz.call('startConversation', {
          networkId: network.id, subject: 'Na de back-up', inboxIds: ['inbox-assistentes'], messageId: crypto.randomUUID(), text: 'Staat dit er straks nog?',
        }));
        await must(jansen.call('postMessage', { conversationId: conv.id, messageId: crypto.randomUUID(), text: 'Ja, en dit ook.' }));
        await must(jansen.call('exportConversation', { conversationId: conv.id, scope: 'all' }));
        ids = { conversationId: conv.id, networkId: network.id, clientId: client.id };
        before = await reads(jansen, ids);
      } finally {
        await server.close();
      }
      const database = new URL(regionDb.config.databaseUrl!).pathname.slice(1);
      const dump = pgTool('pg_dump', source, ['--format=custom', database]);
      await target.createDatabase('nz_restored');
      pgTool('pg_restore', target, ['--exit-on-error', '--dbname=nz_restored'], dump);
      await regionDb.cleanup();
    });
    afterAll(async () => {
      await Promise.all([source?.stop(), target?.stop()]);
    });

    /** A copy of the restored database for one region (each test group writes its own data). */
    async function restoredRegion(): Promise<RegionDb> {
      const name = `restored_${++copies}`;
      await target.createDatabase(name, 'nz_restored');
      const urls = target.serverUrls(name);
      return {
        config: { databaseUrl: urls.databaseUrl, migrationDatabaseUrl: urls.migrationUrl },
        async cleanup() {
          const c = new pg.Client({ connectionString: target.url() });
          await c.connect();
          await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => c.end());
        },
      };
    }

    it('answers what the original answered: the messages, the network, the list and every audit record (R15)', async () => {
      const server = await startRegion(await restoredRegion());
      try {
        const after = await reads(await server.region.as('p-jansen'), ids);
        expect(after.conversation.messages).toEqual(before.conversation.messages);
        expect(after.network).toEqual(before.network);
        expect(after.inbox.items.find((i) => i.conversationId === ids.conversationId)).toEqual(before.inbox.items.find((i) => i.conversationId === ids.conversationId));
        // The history holds every record it held, and the reads just made on top.
        const kept = new Map(after.history.map((e) => [e.id, e]));
        expect(before.history.map((e) => kept.get(e.id))).toEqual(before.history);
        expect(after.history.length).toBeGreaterThan(before.history.length);
        expect(before.history.map((e) => e.action)).toEqual(expect.arrayContaining(['createClient', 'recordConsent', 'startConversation', 'exportConversation']));
      } finally {
        await server.region.dispose();
      }
    });

    it('keeps the audit records append-only for the server\'s role after a restore (R15)', async () => {
      const db = await restoredRegion();
      const c = new pg.Client({ connectionString: db.config.databaseUrl });
      await c.connect();
      try {
        await expect(c.query('DELETE FROM audit')).rejects.toThrow();
        await expect(c.query(`UPDATE audit SET doc = doc`)).rejects.toThrow();
      } finally {
        await c.end();
        await db.cleanup();
      }
    });

    readSuite(httpHarness('HttpBackend → server on a restored pg_dump', restoredRegion));
  });
}
