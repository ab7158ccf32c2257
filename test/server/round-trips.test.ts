import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { postgresRegions, startRegion } from '../contract/http-harness';
import { callOp, prepareConversations, signInDemo } from './support/api-client';
import { startCluster, type PgCluster } from './pg-cluster';
import { postgresSuite } from './postgres-gate';

/*
 * Each SQL round trip costs both processes time (the send budget of `npm run bench`). A token seen
 * before is checked with the operation's first statement (server/auth/session-guard.ts): a send's
 * BEGIN, locks, session check and the one statement that reads the actor and what postMessage decides
 * on travel together, and its COMMIT with the one statement that writes everything with its key
 * (server/db/postgres.ts). A query's one read carries its COMMIT too. Counts, not timings.
 */
const ROUND_TRIPS = { postMessage: 2, readConversation: 2, listInbox: 1 } as const;
if (postgresSuite('SQL round trips on PostgreSQL')) {
  let cluster: PgCluster | undefined;
  let server: Awaited<ReturnType<typeof startRegion>> | undefined;
  beforeAll(async () => {
    cluster = await startCluster();
    server = await startRegion(await postgresRegions(cluster)());
  }, 120_000);
  afterAll(async () => {
    await server?.region.dispose();
    await cluster?.stop();
  });

  /** The statements one call makes, in order. */
  async function statementsOf(call: () => Promise<{ status: number }>): Promise<string[]> {
    const statements: string[] = [];
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const first = args[0];
      // A named statement is planned once per connection (server/db/postgres.ts); `*` marks one here.
      statements.push(typeof first === 'string' ? first : `${(first as { name?: string }).name ? '*' : ''}${(first as { text: string }).text}`);
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
    try {
      expect((await call()).status).toBe(200);
    } finally {
      pg.Client.prototype.query = query;
    }
    return statements;
  }
  const shown = (statements: string[]) => statements.map((s) => s.slice(0, 80)).join('\n');

  it(`a message send takes ${ROUND_TRIPS.postMessage} SQL round trips, reading a conversation ${ROUND_TRIPS.readConversation}, an inbox page ${ROUND_TRIPS.listInbox}`, async () => {
    const token = await signInDemo(server!.url, 'p-devries');
    const { conversationIds: [conversationId] } = await prepareConversations(server!.url, token, { count: 1, participants: () => ['p-jansen'] });
    const url = server!.url;
    const sent = await statementsOf(() => callOp(url, token, 'postMessage', { conversationId: conversationId!, messageId: randomUUID(), text: 'Geteld' }));
    expect(sent.length, shown(sent)).toBeLessThanOrEqual(ROUND_TRIPS.postMessage);
    const read = await statementsOf(() => callOp(url, token, 'readConversation', { conversationId: conversationId! }));
    expect(read.length, shown(read)).toBeLessThanOrEqual(ROUND_TRIPS.readConversation);
    const page = await statementsOf(() => callOp(url, token, 'listInbox', { via: '' }));
    expect(page.length, shown(page)).toBeLessThanOrEqual(ROUND_TRIPS.listInbox);
    // Every parameterised statement is prepared (by name, or by SQL PREPARE when it travels with a BEGIN or
    // COMMIT), so PostgreSQL plans each text once per connection.
    for (const s of [...sent, ...read, ...page]) if (s.includes('$1')) expect(s, 'a prepared statement').toMatch(/^\*|(^|; )PREPARE nzx[0-9a-f]{20} AS /);
  });
}
