import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../lib/contract/canonical';
import { HttpBackend } from '../../lib/backend/http/http-backend';
import { memoryTokenStore } from '../../lib/backend/http/token-store';
import type { Conversation } from '../../lib/domain';
import { postgresRegions, startRegion } from '../contract/http-harness';
import { backendFor, bearer, pgliteServer, post, tokenFor, type TestServer } from './helpers';
import { startCluster, type PgCluster } from './pg-cluster';
import { postgresSuite } from './postgres-gate';

async function conversationOf(gp: HttpBackend): Promise<Conversation> {
  const client = await gp.call('createClient', { name: 'Idem Potent', birthDate: '1940-02-02' });
  if (!client.ok) throw new Error(client.code);
  const text = await gp.call('currentConsentText', {});
  if (!text.ok || !text.value) throw new Error('text');
  await gp.call('recordConsent', { clientId: client.value.id, textId: text.value.id, givenBy: { kind: 'client' }, method: 'verbal' });
  const network = await gp.call('createNetwork', { clientId: client.value.id });
  if (!network.ok) throw new Error(network.code);
  const conv = await gp.call('startConversation', {
    networkId: network.value.id, subject: 'Idempotent', inboxIds: ['inbox-kanaleneiland'], messageId: crypto.randomUUID(), text: 'Start',
  });
  if (!conv.ok) throw new Error(conv.code);
  return conv.value;
}

const count = async (server: TestServer, conversationId: string) =>
  server.ctx.store.transaction('read', (tx) => tx.count('messages', 'byConversation', { equals: [conversationId] }));

function suite(name: string, start: () => Promise<TestServer>) {
  describe(`Idempotency-Key (${name})`, () => {
    let server: TestServer;
    let token: string;
    let conv: Conversation;
    beforeAll(async () => {
      server = await start();
      token = await tokenFor(server, 'p-jansen');
      conv = await conversationOf(await backendFor(server, 'p-jansen'));
    });
    afterAll(async () => {
      await server?.region.dispose();
    });

    it('a replay gets the first answer and writes nothing more; another body under the key is a conflict', async () => {
      const key = crypto.randomUUID();
      const body = { name: 'Eenmalig Aangemaakt', birthDate: '1950-03-03' };
      const first = await post(server, '/api/v1/ops/createClient', body, { ...bearer(token), 'Idempotency-Key': key });
      const before = await server.ctx.store.snapshot();
      const again = await post(server, '/api/v1/ops/createClient', body, { ...bearer(token), 'Idempotency-Key': key });
      expect(first.status).toBe(200);
      expect(again.status).toBe(200);
      expect(again.json).toEqual(first.json);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await server.ctx.store.snapshot()).toBe(before);
      const other = await post(server, '/api/v1/ops/createClient', { ...body, name: 'Iemand Anders' }, { ...bearer(token), 'Idempotency-Key': key });
      expect(other.status).toBe(409);
      expect(other.json).toMatchObject({ ok: false, code: 'conflict' });
      expect(await server.ctx.store.snapshot()).toBe(before);
    });

    it('a replay whose command would now be refused (the client it created exists) gets the first answer and writes nothing', async () => {
      const key = crypto.randomUUID();
      const body = { name: 'Met Bsn', birthDate: '1950-03-03', bsn: '555555501' };
      const first = await post(server, '/api/v1/ops/createClient', body, { ...bearer(token), 'Idempotency-Key': key });
      expect(first.status).toBe(200);
      const before = await server.ctx.store.snapshot();
      const again = await post(server, '/api/v1/ops/createClient', body, { ...bearer(token), 'Idempotency-Key': key });
      expect(again.status).toBe(200);
      expect(again.json).toEqual(first.json);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      const fresh = await post(server, '/api/v1/ops/createClient', body, { ...bearer(token), 'Idempotency-Key': crypto.randomUUID() });
      expect(fresh.json).toMatchObject({ ok: false, code: 'client-exists' });
      expect(await server.ctx.store.snapshot()).toBe(before);
    });

    it('keys are per person: another person may use the same key', async () => {
      const key = crypto.randomUUID();
      const a = await post(server, '/api/v1/ops/createClient', { name: 'Van Jansen', birthDate: '1950-03-03' }, { ...bearer(token), 'Idempotency-Key': key });
      const devries = await tokenFor(server, 'p-devries');
      const b = await post(server, '/api/v1/ops/createClient', { name: 'Van De Vries', birthDate: '1950-03-03' }, { ...bearer(devries), 'Idempotency-Key': key });
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(a.json.id).not.toBe(b.json.id);
    });

    it('the same command sent many times at once (a retry storm) is stored once, and every answer is the same', async () => {
      const key = crypto.randomUUID();
      const messageId = crypto.randomUUID();
      const before = await count(server, conv.id);
      const answers = await Promise.all(Array.from({ length: 8 }, () =>
        post(server, '/api/v1/ops/postMessage', { conversationId: conv.id, messageId, text: 'Eén keer' }, { ...bearer(token), 'Idempotency-Key': key })));
      expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
      expect(new Set(answers.map((a) => canonicalJson(a.json))).size).toBe(1);
      expect(await count(server, conv.id)).toBe(before + 1);
    });

    it('HttpBackend: a caller that retries with its key gets the stored answer', async () => {
      const backend = new HttpBackend({ baseUrl: server.url, tokens: memoryTokenStore(token) });
      const key = crypto.randomUUID();
      const messageId = crypto.randomUUID();
      const a = await backend.call('postMessage', { conversationId: conv.id, messageId, text: 'Opnieuw geprobeerd' }, { idempotencyKey: key });
      const b = await backend.call('postMessage', { conversationId: conv.id, messageId, text: 'Opnieuw geprobeerd' }, { idempotencyKey: key });
      expect(b).toEqual(a);
      expect(a.ok).toBe(true);
    });

    it('keeps no message text, subject or client name in the idempotency table after a burst of sends and reads', async () => {
      const jansen = await backendFor(server, 'p-jansen');
      const words = Array.from({ length: 20 }, (_, i) => `Geheim${i}-${crypto.randomUUID().slice(0, 8)}`);
      const client = await jansen.call('createClient', { name: `Cliënt ${words[0]}`, birthDate: '1941-01-01' }, { idempotencyKey: crypto.randomUUID() });
      if (!client.ok) throw new Error(client.code);
      const sent = await Promise.all(words.map((w) =>
        jansen.call('postMessage', { conversationId: conv.id, messageId: crypto.randomUUID(), text: `Tekst ${w}` }, { idempotencyKey: crypto.randomUUID() })));
      expect(sent.every((r) => r.ok)).toBe(true);
      const started = await jansen.call('startConversation', {
        networkId: conv.networkId, subject: `Onderwerp ${words[1]}`, inboxIds: ['inbox-kanaleneiland'], messageId: crypto.randomUUID(), text: `Eerste ${words[2]}`,
      }, { idempotencyKey: crypto.randomUUID() });
      expect(started.ok).toBe(true);
      // Audited reads carry a key too (a client may send one): they are read and audited again, never kept.
      const readKey = crypto.randomUUID();
      for (let i = 0; i < 3; i++) {
        const r = await post(server, '/api/v1/ops/readConversation', { conversationId: conv.id }, { ...bearer(token), 'Idempotency-Key': readKey });
        expect(r.status).toBe(200);
      }
      const rows = await server.ctx.db.query<{ op: string; key: string; answer: string }>('SELECT op, key, answer FROM idempotency');
      expect(rows.map((r) => r.op)).toEqual(expect.arrayContaining(['postMessage', 'startConversation', 'createClient']));
      expect(rows.filter((r) => r.key === readKey)).toEqual([]);
      const kept = rows.map((r) => r.answer).join('\n');
      for (const w of words) expect(kept, w).not.toContain(w);
      expect(kept).not.toContain('Cliënt');
    });

    it('concurrent writes to one conversation lose nothing (messages, a new participant, list rows)', async () => {
      const yilmaz = await backendFor(server, 'p-yilmaz');
      const jansen = await backendFor(server, 'p-jansen');
      const before = await count(server, conv.id);
      const sends = Array.from({ length: 12 }, (_, i) =>
        (i % 2 ? yilmaz : jansen).call('postMessage', { conversationId: conv.id, messageId: crypto.randomUUID(), text: `Bericht ${i}` }));
      const add = jansen.call('addParticipant', { conversationId: conv.id, professionalId: 'p-devries' });
      const results = await Promise.all([...sends, add]);
      expect(results.filter((r) => !r.ok).map((r) => JSON.stringify(r))).toEqual([]);
      expect(await count(server, conv.id)).toBe(before + 12);
      const stored = await server.ctx.store.transaction('read', (tx) => tx.get('conversations', conv.id));
      expect(stored!.participants.map((p) => p.id)).toContain('p-devries');
      const rows = await server.ctx.store.transaction('read', (tx) => tx.query('inboxItems', 'byConversation', { equals: [conv.id] }));
      expect(rows.map((r) => r.ownerId)).toContain('p-devries');
      // The last activity of every row is the conversation's.
      for (const r of rows.filter((r) => r.ownerId !== 'p-devries')) expect(r.lastActivity).toBe(stored!.lastActivity);
    });
  });
}

suite('PGlite', () => pgliteServer());

if (postgresSuite('idempotency on PostgreSQL')) {
  let cluster: PgCluster | undefined;
  afterAll(async () => {
    await cluster?.stop();
  });
  suite('PostgreSQL', async () => {
    cluster = await startCluster();
    return startRegion(await postgresRegions(cluster)());
  });
}
