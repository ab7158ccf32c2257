import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signOut } from '../../lib/backend/http/auth-client';
import { Recheck, sessionGuard } from '../../server/auth/session-guard';
import { IDLE_MS } from '../../server/auth/sessions';
import { pgliteRegion, postgresRegions, startRegion, type RegionDb } from '../contract/http-harness';
import { bearer, post, testClock, tokenFor, type TestServer } from './helpers';
import { mustHavePostgres, postgresMissing, startCluster, type PgCluster } from './pg-cluster';
import { prepareConversations } from './support/api-client';

/*
 * A token this process has seen pass is checked with the operation's own first statement
 * (server/auth/session-guard.ts). These tests use each session once before what they change, so the
 * check they exercise is that one; every refusal must be what the full check answers, and nothing
 * the refused request asked for may be written.
 */
const SESSION = { professional_id: 'p-jansen', org_id: 'org-hap-lombok', created_at: new Date(0), last_seen: new Date(0), expires_at: new Date(10 ** 13), restricted: false, revoked_at: null, by_link: false, sso_org: null, sso_checked_at: null };

describe('the session guard, on its own', () => {
  const proven = { professionalId: 'p-jansen', orgId: 'org-hap-lombok' };
  const now = new Date(30_000);
  const judge = (row: Record<string, unknown> | undefined, ssoCurrent = () => true) => {
    const g = sessionGuard('h', proven, now, ssoCurrent);
    g.check(row ? [row] : []);
    return g;
  };

  it('passes the hinted person\'s valid session, and says when its use is to be noted', () => {
    expect(judge({ ...SESSION, last_seen: new Date(0) }).touch).toBe(false);
    expect(judge({ ...SESSION, last_seen: new Date(-40_000) }).touch).toBe(true);
  });

  it.each([
    ['no session', undefined],
    ['R12: a revoked session', { ...SESSION, revoked_at: new Date(0) }],
    ['a session past its idle time', { ...SESSION, last_seen: new Date(-IDLE_MS) }],
    ['a session past its absolute expiry', { ...SESSION, expires_at: new Date(30_000) }],
    ['a session waiting for second-factor enrolment', { ...SESSION, restricted: true }],
    ['another person\'s session', { ...SESSION, professional_id: 'p-devries' }],
    ['a session of another organisation', { ...SESSION, org_id: 'org-zorgzaam' }],
    ['a person whose record is gone', { ...SESSION, org_id: null }],
  ])('sends %s to the full check', (_what, row) => {
    expect(() => judge(row)).toThrow(Recheck);
  });

  it('sends a session of the organisation\'s provider to the full check when a check-in is due', () => {
    const sso = { ...SESSION, sso_org: 'org-zorgzaam', sso_checked_at: new Date(0) };
    expect(() => judge(sso, () => true)).not.toThrow();
    expect(() => judge(sso, () => false)).toThrow(Recheck);
  });
});

const databases: [string, () => Promise<{ db: RegionDb; stop?: () => Promise<void> }>][] = [
  ['PGlite', async () => ({ db: await pgliteRegion() })],
];
if (!postgresMissing() || mustHavePostgres) {
  databases.push(['PostgreSQL', async () => {
    const cluster: PgCluster = await startCluster();
    return { db: await postgresRegions(cluster)(), stop: () => cluster.stop() };
  }]);
}

describe.each(databases)('a session used before, on %s', (_name, open) => {
  let server: TestServer;
  let stop: (() => Promise<void>) | undefined;
  const clock = testClock();
  beforeAll(async () => {
    const opened = await open();
    stop = opened.stop;
    server = await startRegion(opened.db, { now: clock.now });
  }, 120_000);
  afterAll(async () => {
    await server?.region.dispose();
    await stop?.();
  });

  let conversationId: string;
  beforeAll(async () => {
    const token = await tokenFor(server, 'p-devries');
    const { conversationIds } = await prepareConversations(server.url, token, { count: 1, participants: () => ['p-jansen', 'p-smit'] });
    conversationId = conversationIds[0]!;
  });

  /** A token used for an operation already (so this process knows it), and the conversation to write in. */
  async function usedSession(id: string) {
    const token = await tokenFor(server, id);
    expect((await post(server, '/api/v1/ops/session', {}, bearer(token))).status).toBe(200);
    return { token, conversationId };
  }
  const send = (token: string, conversationId: string, text: string) =>
    post(server, '/api/v1/ops/postMessage', { conversationId, messageId: randomUUID(), text }, { ...bearer(token), 'Idempotency-Key': randomUUID() });
  const stored = async (text: string) =>
    Number((await server.ctx.db.query<{ n: string }>(`SELECT count(*) AS n FROM messages WHERE doc->>'text' = $1`, [text]))[0]!.n);

  it('works on, as that person', async () => {
    const { token, conversationId } = await usedSession('p-devries');
    const r = await send(token, conversationId, 'Nog steeds aangemeld');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ authorId: 'p-devries' });
  });

  it('R12: deactivated since, it is refused as account-inactive and the message is not written', async () => {
    const { token, conversationId } = await usedSession('p-smit');
    const manager = await tokenFor(server, 'p-mulder');
    const off = await post(server, '/api/v1/ops/deactivateAccount', { professionalId: 'p-smit' }, { ...bearer(manager), 'Idempotency-Key': randomUUID() });
    expect(off.status).toBe(200);
    const r = await send(token, conversationId, 'Na de deactivatie');
    expect(r.status).toBe(401);
    expect(r.json).toMatchObject({ code: 'account-inactive' });
    expect(await stored('Na de deactivatie')).toBe(0);
  });

  it('signed out since, it is refused as not signed in, also with input that is not valid', async () => {
    const { token, conversationId } = await usedSession('p-devries');
    await signOut(server.url, token);
    const r = await send(token, conversationId, 'Na het afmelden');
    expect(r.status).toBe(401);
    expect(r.json).toMatchObject({ code: 'not-signed-in' });
    expect(await stored('Na het afmelden')).toBe(0);
    const invalid = await post(server, '/api/v1/ops/postMessage', { conversationId: 42 }, { ...bearer(token), 'Idempotency-Key': randomUUID() });
    expect(invalid.status).toBe(401);
  });

  it('idle past its time, it is refused as not signed in and the session is gone', async () => {
    const { token, conversationId } = await usedSession('p-devries');
    clock.advance(IDLE_MS);
    try {
      const r = await send(token, conversationId, 'Na de pauze');
      expect(r.status).toBe(401);
      expect(r.json).toMatchObject({ code: 'not-signed-in' });
      expect(await stored('Na de pauze')).toBe(0);
    } finally {
      clock.advance(-IDLE_MS);
    }
    expect((await post(server, '/api/v1/ops/session', {}, bearer(token))).status).toBe(401);
  });

  it('notes its use at most once a minute, as the full check does', async () => {
    const { token, conversationId } = await usedSession('p-devries');
    const lastSeen = async () => (await server.ctx.db.query<{ t: Date }>('SELECT max(last_seen) AS t FROM sessions WHERE professional_id = $1', ['p-devries']))[0]!.t;
    const before = new Date(await lastSeen()).getTime();
    clock.advance(2 * 60_000);
    expect((await send(token, conversationId, 'Later op de dag')).status).toBe(200);
    expect(new Date(await lastSeen()).getTime()).toBeGreaterThan(before);
  });
});
