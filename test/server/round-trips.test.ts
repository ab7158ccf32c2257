import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { postgresRegions, startRegion } from '../contract/http-harness';
import { callOp, prepareConversations, signInDemo } from './support/api-client';
import { mustHavePostgres, postgresMissing, startCluster, type PgCluster } from './pg-cluster';

/*
 * Each SQL round trip of a send costs both processes time (issue 4's send budgets): a send checks
 * the session, begins with its locks, loads the actor (2) and what postMessage decides on (4),
 * writes everything with its key in one statement and commits. A count, not a timing.
 */
const SEND_ROUND_TRIPS = 10;
const missing = postgresMissing();

if (missing && mustHavePostgres) {
  it('PostgreSQL is available (CI=true)', () => {
    throw new Error(`PostgreSQL is required in CI: ${missing}`);
  });
} else if (!missing) {
  let cluster: PgCluster | undefined;
  let server: Awaited<ReturnType<typeof startRegion>> | undefined;
  beforeAll(async () => {
    cluster = await startCluster();
    server = await startRegion(await postgresRegions(cluster.url)());
  }, 120_000);
  afterAll(async () => {
    await server?.region.dispose();
    await cluster?.stop();
  });

  it(`a message send takes ${SEND_ROUND_TRIPS} SQL round trips`, async () => {
    const token = await signInDemo(server!.url, 'p-devries');
    const { conversationIds: [conversationId] } = await prepareConversations(server!.url, token, { count: 1, participants: () => ['p-jansen'] });
    const statements: string[] = [];
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const first = args[0];
      statements.push(typeof first === 'string' ? first : (first as { text: string }).text);
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
    try {
      const sent = await callOp(server!.url, token, 'postMessage', { conversationId: conversationId!, messageId: randomUUID(), text: 'Geteld' });
      expect(sent.status).toBe(200);
    } finally {
      pg.Client.prototype.query = query;
    }
    expect(statements.length, statements.map((s) => s.slice(0, 80)).join('\n')).toBeLessThanOrEqual(SEND_ROUND_TRIPS);
  });
}
