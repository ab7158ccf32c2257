import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTrustProxy } from '../../server/config';
import { POLICIES } from '../../server/auth/throttle';
import { DEMO_PASSWORD } from '../../server/seed';
import { emailOf, pgliteServer, post, testClock, type TestServer } from './helpers';
import { freePort, startCluster, type PgCluster } from './pg-cluster';
import { postgresSuite } from './postgres-gate';
import { spawnServer, type ServerProcess } from './support/server-process';

/** `n` sign-ins with a wrong password for one account, all sent at once; how many got which status. */
async function parallelWrong(urls: string[], email: string, n: number, headers: (i: number) => Record<string, string> = () => ({})) {
  const statuses = await Promise.all(Array.from({ length: n }, async (_, i) => {
    const res = await fetch(`${urls[i % urls.length]}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers(i) },
      body: JSON.stringify({ email, password: `verkeerd-wachtwoord-${i}` }),
    });
    await res.arrayBuffer();
    return res.status;
  }));
  const count = (s: number) => statuses.filter((x) => x === s).length;
  return { checked: count(401), limited: count(429), other: statuses.length - count(401) - count(429) };
}

const from = (address: string) => ({ 'X-Forwarded-For': address });

describe('sign-in throttle (PGlite, one process)', () => {
  let server: TestServer;
  const clock = testClock(Date.UTC(2026, 1, 2, 8, 0, 0));
  beforeAll(async () => {
    server = await pgliteServer({ now: clock.now, config: { trustProxy: { hops: 1 } } });
  });
  afterAll(async () => {
    await server?.region.dispose();
  });

  it('sign-in throttle: 40 parallel wrong passwords let at most the limit through', async () => {
    const r = await parallelWrong([server.url], await emailOf(server, 'p-visser'), 40);
    expect(r).toEqual({ checked: POLICIES.pair.free, limited: 40 - POLICIES.pair.free, other: 0 });
  });

  it('sign-in throttle: 100 parallel wrong passwords let at most the limit through', async () => {
    const r = await parallelWrong([server.url], await emailOf(server, 'p-smit'), 100);
    expect(r).toEqual({ checked: POLICIES.pair.free, limited: 100 - POLICIES.pair.free, other: 0 });
  });

  it('sign-in throttle: a delay that grows per attempt instead of a lock, and guesses elsewhere do not keep the owner out', async () => {
    const email = await emailOf(server, 'p-elamrani');
    const home = from('192.0.2.10');
    expect((await post(server, '/api/v1/auth/sign-in', { email, password: DEMO_PASSWORD }, home)).status).toBe(200);
    // From one address: five tries, then 2 s, 4 s, 8 s between tries.
    const guesser = from('198.51.100.1');
    for (let i = 0; i < POLICIES.pair.free; i++) expect((await post(server, '/api/v1/auth/sign-in', { email, password: `fout-${i}-wachtwoord` }, guesser)).status).toBe(401);
    for (const delay of [2, 4, 8]) {
      const refused = await post(server, '/api/v1/auth/sign-in', { email, password: 'nog-een-gok-wachtwoord' }, guesser);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBe(delay);
      clock.advance(delay * 1000);
      expect((await post(server, '/api/v1/auth/sign-in', { email, password: 'nog-een-gok-wachtwoord' }, guesser)).status).toBe(401);
    }
    // Guessers on many addresses use up the account's own allowance; its delay is capped at a minute.
    for (let i = 0; i < POLICIES.account.free; i++) await post(server, '/api/v1/auth/sign-in', { email, password: 'gok-van-elders' }, from(`203.0.113.${i + 1}`));
    const elsewhere = await post(server, '/api/v1/auth/sign-in', { email, password: DEMO_PASSWORD }, from('192.0.2.99'));
    expect(elsewhere.status).toBe(429);
    expect(Number(elsewhere.headers.get('retry-after'))).toBeLessThanOrEqual(POLICIES.account.capMs / 1000);
    // The owner, from where they signed in before, is not held up by any of it.
    expect((await post(server, '/api/v1/auth/sign-in', { email, password: DEMO_PASSWORD }, home)).status).toBe(200);
  });

  it('client address behind a proxy: 33 attempts with X-Forwarded-For: 198.51.100.$i, 203.0.113.7 are throttled', async () => {
    clock.advance(16 * 60_000);
    const statuses: number[] = [];
    for (let i = 0; i < 33; i++) {
      const r = await post(server, '/api/v1/auth/sign-in', { email: `sproeier-${i}@zorgzaam.nl`, password: 'een-fout-wachtwoord' }, from(`198.51.100.${i}, 203.0.113.7`));
      statuses.push(r.status);
    }
    expect(statuses.slice(0, POLICIES.address.free).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(POLICIES.address.free)).toEqual([429, 429, 429]);
  });
});

describe('client address behind a proxy: which X-Forwarded-For entry is believed', () => {
  it('reads NZ_TRUST_PROXY as off, a hop count or a list of proxy addresses', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('true')).toEqual({ hops: 1 });
    expect(parseTrustProxy('2')).toEqual({ hops: 2 });
    expect(parseTrustProxy('10.0.0.1, 10.0.0.2')).toEqual({ addresses: ['10.0.0.1', '10.0.0.2'] });
    expect(() => parseTrustProxy('proxy.example')).toThrow(/NZ_TRUST_PROXY/);
  });

  let server: TestServer;
  const clock = testClock(Date.UTC(2026, 1, 2, 8, 0, 0));
  afterAll(async () => {
    await server?.region.dispose();
  });

  it('with a list of proxies, the rightmost address that is not one of them', async () => {
    server = await pgliteServer({ now: clock.now, config: { trustProxy: { addresses: ['127.0.0.1', '10.0.0.5'] } } });
    const statuses: number[] = [];
    for (let i = 0; i < POLICIES.address.free + 1; i++) {
      statuses.push((await post(server, '/api/v1/auth/sign-in', { email: `lijst-${i}@zorgzaam.nl`, password: 'een-fout-wachtwoord' }, from(`198.51.100.${i}, 203.0.113.8, 10.0.0.5`))).status);
    }
    expect(statuses.at(-1)).toBe(429);
  });
});

if (postgresSuite('sign-in throttle on PostgreSQL, two server processes')) {
  describe('sign-in throttle on PostgreSQL, two server processes', () => {
    let cluster: PgCluster;
    let servers: ServerProcess[] = [];
    beforeAll(async () => {
      cluster = await startCluster();
      await cluster.createDatabase('throttle');
      servers = await Promise.all([0, 1].map(async () => spawnServer({ port: await freePort(), ...cluster.serverUrls('throttle'), readyTimeoutMs: 60_000 })));
    }, 120_000);
    afterAll(async () => {
      await Promise.all(servers.map((s) => s.kill()));
      await cluster?.stop();
    });

    it('sign-in throttle: 40 parallel wrong passwords over two processes let at most the limit through', async () => {
      const r = await parallelWrong(servers.map((s) => s.url), 'y.yilmaz@zorgzaam.nl', 40);
      expect(r.other).toBe(0);
      expect(r.checked).toBeLessThanOrEqual(POLICIES.pair.free);
      expect(r.checked + r.limited).toBe(40);
    }, 60_000);

    it('sign-in throttle: 100 parallel wrong passwords over two processes let at most the limit through', async () => {
      const r = await parallelWrong(servers.map((s) => s.url), 'm.degraaf@zorgzaam.nl', 100);
      expect(r.other).toBe(0);
      expect(r.checked).toBeLessThanOrEqual(POLICIES.pair.free);
      const db = new pg.Client({ connectionString: cluster.url('throttle') });
      await db.connect();
      try {
        // Nothing but hashes is kept of who tried.
        const rows = (await db.query('SELECT key_hash FROM signin_throttle')).rows as { key_hash: string }[];
        expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.key_hash))).toBe(true);
      } finally {
        await db.end();
      }
    }, 60_000);
  });
}
