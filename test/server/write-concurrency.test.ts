import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../lib/contract/canonical';
import { callOp, prepareConversations, signInDemo } from './support/api-client';
import { spawnServer, type ServerProcess } from './support/server-process';
import { freePort, mustHavePostgres, postgresMissing, startCluster, type PgCluster } from './pg-cluster';

/*
 * Writes on PostgreSQL run side by side under advisory locks (server/api/write-scope.ts), across
 * processes too. Many people posting at once through two server processes, with a change of
 * membership in between, must leave exactly what posting one after another would have left.
 */
const missing = postgresMissing();
const PEOPLE = ['p-devries', 'p-jansen', 'p-elamrani', 'p-yilmaz'] as const;
const JOINER = 'p-deboer';
const PER_PERSON = 8;

interface Doc { id: string; [k: string]: unknown }

describe.skipIf(!!missing && !mustHavePostgres)(`concurrent writes through two server processes on one PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let cluster: PgCluster | undefined;
  const servers: ServerProcess[] = [];
  let db: pg.Pool | undefined;
  const tokens = new Map<string, string>();
  let conversations: string[] = [];

  beforeAll(async () => {
    if (missing) throw new Error(`PostgreSQL is required in CI: ${missing}`);
    cluster = await startCluster();
    await cluster.createDatabase('writes');
    // One after the other: the first seeds the demo region.
    for (let i = 0; i < 2; i++) servers.push(await spawnServer({ port: await freePort(), ...cluster.serverUrls('writes'), readyTimeoutMs: 60_000 }));
    db = new pg.Pool({ connectionString: cluster.url('writes'), max: 2 });
    for (const [i, p] of [...PEOPLE, JOINER].entries()) tokens.set(p, await signInDemo(servers[i % 2]!.url, p));
    ({ conversationIds: conversations } = await prepareConversations(servers[0]!.url, tokens.get('p-devries')!, {
      count: 2, participants: () => PEOPLE.filter((p) => p !== 'p-devries'),
    }));
  }, 180_000);

  afterAll(async () => {
    await db?.end();
    for (const s of servers) await s.kill('SIGTERM');
    await cluster?.stop();
  });

  const rows = async (sql: string, params: unknown[]) => (await db!.query<{ doc: Doc }>(sql, params)).rows.map((r) => r.doc);
  /** The n-th post goes through process n % 2. */
  const post = (person: string, conversationId: string, n: number, same?: { key: string; messageId: string }) =>
    callOp(servers[n % 2]!.url, tokens.get(person)!, 'postMessage', {
      conversationId, messageId: same?.messageId ?? randomUUID(), text: same ? 'Eén keer' : `Bericht ${n} van ${person}`,
    }, { key: same?.key });

  it('every message is stored once, a member added meanwhile is kept, and the list rows agree with the last message', async () => {
    const [conv, other] = conversations as [string, string];
    const wave = (from: number) => PEOPLE.flatMap((p) => Array.from({ length: PER_PERSON / 2 }, (_, i) => post(p, i % 2 ? other : conv, from + i)));
    const first = await Promise.all([
      ...wave(0),
      callOp(servers[1]!.url, tokens.get('p-devries')!, 'addParticipant', { conversationId: conv, professionalId: JOINER }),
    ]);
    const second = await Promise.all(wave(PER_PERSON));
    expect([...first, ...second].filter((r) => r.status !== 200).map((r) => JSON.stringify(r.body))).toEqual([]);

    for (const id of conversations) {
      const messages = await rows(`SELECT doc FROM messages WHERE doc->>'conversationId' = $1 ORDER BY doc->>'createdAt', id`, [id]);
      // The first message, and half of each person's two waves.
      expect(messages).toHaveLength(1 + PEOPLE.length * PER_PERSON / 2);
      expect(new Set(messages.map((m) => m.id)).size).toBe(messages.length);
      expect(new Set(messages.map((m) => m.createdAt)).size).toBe(messages.length);
      const [conversation] = await rows('SELECT doc FROM conversations WHERE id = $1', [id]);
      const last = messages.at(-1)!;
      expect(conversation!.lastActivity).toBe(last.createdAt);
      const items = await rows(`SELECT doc FROM "inboxItems" WHERE doc->>'conversationId' = $1`, [id]);
      const participants = (conversation!.participants as { id: string }[]).map((p) => p.id).sort();
      expect(items.map((i) => i.ownerId).sort()).toEqual(participants);
      for (const item of items) {
        expect(item).toMatchObject({ lastActivity: last.createdAt, archived: 0, unread: item.ownerId === last.authorId ? 0 : 1 });
      }
    }
    const [conversation] = await rows('SELECT doc FROM conversations WHERE id = $1', [conv]);
    expect((conversation!.participants as { id: string }[]).map((p) => p.id)).toContain(JOINER);
    // Every write was audited once: a send, or the new member.
    const audited = await db!.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit WHERE doc->>'action' IN ('postMessage', 'addParticipant')`);
    expect(audited.rows[0]!.n).toBe(2 + PEOPLE.length * PER_PERSON + 1);
    // What the list says agrees with the rows: the joiner has not read it, the last author has.
    const counts = await callOp(servers[0]!.url, tokens.get(JOINER)!, 'unreadCounts', {});
    expect((counts.body.counts as Record<string, number>)['']).toBe(1);
  });

  it('the same request sent many times at once, through both processes, stores one message and gets one answer', async () => {
    const same = { key: randomUUID(), messageId: randomUUID() };
    const answers = await Promise.all(Array.from({ length: 10 }, (_, n) => post('p-jansen', conversations[0]!, n, same)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(new Set(answers.map((a) => canonicalJson(a.body))).size).toBe(1);
    expect(answers.filter((a) => !a.replayed).length).toBe(1);
    expect(await rows('SELECT doc FROM messages WHERE id = $1', [same.messageId])).toHaveLength(1);
    expect(await rows(`SELECT doc FROM audit WHERE doc->>'objectId' = $1`, [same.messageId])).toHaveLength(1);
  });
});
