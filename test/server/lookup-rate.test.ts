import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_LIMITS } from '../../lib/contract/operation';
import { bearer, pgliteServer, post, testClock, tokenFor, type TestServer } from './helpers';

/*
 * Security row 4: a BSN look-up tells whether a person is a client of one's own organisation; a script
 * trying numbers could learn who is a client where. Every look-up is audited (the contract suite); the
 * server also holds each account to a rate, counted in the database, so parallel requests cannot overtake it.
 */
describe('BSN look-ups are rate-limited per account', () => {
  let server: TestServer;
  const clock = testClock(Date.UTC(2026, 1, 2, 8, 0, 5));
  const { limit, windowMs } = RATE_LIMITS.bsnLookups;
  beforeAll(async () => {
    server = await pgliteServer({ now: clock.now });
  });
  afterAll(async () => {
    await server?.region.dispose();
  });

  const lookUp = (token: string, bsn = '111222333') => post(server, '/api/v1/ops/findClientByBsn', { bsn }, bearer(token));

  it(`rate limit: ${limit} look-ups a minute per account, sent at once, then 429 with Retry-After; another account is not slowed; the next minute starts afresh`, async () => {
    const [jansen, yilmaz] = [await tokenFor(server, 'p-jansen'), await tokenFor(server, 'p-yilmaz')];
    // Found and not found count alike: a probe mostly finds nothing.
    const statuses = await Promise.all(Array.from({ length: limit + 15 }, (_, i) => lookUp(jansen, i % 2 ? '111222333' : '999999990').then((r) => r.status)));
    expect(statuses.filter((s) => s === 200 || s === 404)).toHaveLength(limit);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    const refused = await lookUp(jansen);
    expect(refused.status).toBe(429);
    expect(refused.json).toMatchObject({ code: 'rate-limited' });
    expect(Number(refused.headers.get('Retry-After'))).toBe(55);
    expect((await lookUp(yilmaz)).status).toBe(200);
    clock.advance(windowMs);
    expect((await lookUp(jansen)).status).toBe(200);
  });
});
