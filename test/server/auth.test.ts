import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, signOut } from '../../lib/backend/http/auth-client';
import { HttpBackend } from '../../lib/backend/http/http-backend';
import { memoryTokenStore } from '../../lib/backend/http/token-store';
import { hashPassword, verifyPassword } from '../../server/auth/password';
import { ABSOLUTE_MS, IDLE_MS } from '../../server/auth/sessions';
import { base32Decode, base32Encode, hotp, totpCode, verifyTotp } from '../../server/auth/totp';
import { DEMO_PASSWORD } from '../../server/seed';
import { bearer, emailOf, openSse, pgliteServer, post, testClock, tokenFor, type TestServer } from './helpers';

describe('password hashing and TOTP primitives', () => {
  it('hashes with scrypt at OWASP\'s parameters (N=2^17, r=8, p=1) and a salt per hash; verifies only the right password', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
  });

  it('computes RFC 6238 codes (the RFC test vector, SHA-1) and accepts one step of drift, once', () => {
    const secret = base32Encode(Buffer.from('12345678901234567890'));
    expect(base32Decode(secret).toString()).toBe('12345678901234567890');
    // RFC 6238 appendix B: T = 59 s gives 94287082 (8 digits); 6 digits are its last six.
    expect(hotp(secret, 1)).toBe('287082');
    expect(totpCode(secret, new Date(1111111109 * 1000))).toBe('081804');
    const at = new Date(1_700_000_000_000);
    const previous = totpCode(secret, new Date(at.getTime() - 30_000));
    expect(verifyTotp(secret, previous, at)).toBeDefined();
    expect(verifyTotp(secret, totpCode(secret, new Date(at.getTime() - 90_000)), at)).toBeUndefined();
    const step = verifyTotp(secret, totpCode(secret, at), at)!;
    expect(verifyTotp(secret, totpCode(secret, at), at, step)).toBeUndefined();
  });
});

describe('sign-in and sessions', () => {
  let server: TestServer;
  const clock = testClock();
  beforeAll(async () => {
    server = await pgliteServer({ now: clock.now });
  });
  afterAll(async () => {
    await server?.region.dispose();
  });

  it('signs in a demo person; stores the session token and the password only as hashes', async () => {
    const r = await signIn(server.url, { email: 'S.Jansen@LombokHuisartsen.nl', password: DEMO_PASSWORD });
    if (!r.ok) throw new Error(r.code);
    expect(r.value.professionalId).toBe('p-jansen');
    expect(Buffer.from(r.value.token, 'base64url').length).toBeGreaterThanOrEqual(16);
    const dump = JSON.stringify(await server.ctx.db.query('SELECT * FROM sessions')) + JSON.stringify(await server.ctx.db.query('SELECT * FROM credentials'));
    expect(dump).not.toContain(r.value.token);
    expect(dump).not.toContain(DEMO_PASSWORD);
  });

  it('answers a wrong password and an unknown account the same way', async () => {
    const wrong = await post(server, '/api/v1/auth/sign-in', { email: 'l.smit@lombokhuisartsen.nl', password: 'verkeerd-wachtwoord' });
    const unknown = await post(server, '/api/v1/auth/sign-in', { email: 'niemand@lombokhuisartsen.nl', password: 'verkeerd-wachtwoord' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.text).toBe(unknown.text);
  });

  it('throttles sign-in per account and address (429 with Retry-After), also for the right password, until the delay passes', async () => {
    const email = await emailOf(server, 'p-visser');
    for (let i = 0; i < 5; i++) expect((await post(server, '/api/v1/auth/sign-in', { email, password: `fout-${i}-wachtwoord` })).status).toBe(401);
    const blocked = await post(server, '/api/v1/auth/sign-in', { email, password: DEMO_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.json).toMatchObject({ ok: false, code: 'rate-limited' });
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // An unknown account is throttled the same way: nothing tells the two apart.
    for (let i = 0; i < 5; i++) await post(server, '/api/v1/auth/sign-in', { email: 'onbekend@zorgzaam.nl', password: 'x' });
    expect((await post(server, '/api/v1/auth/sign-in', { email: 'onbekend@zorgzaam.nl', password: 'x' })).status).toBe(429);
    // A delay, not a lock: once it has passed, the right password works.
    clock.advance(Number(blocked.headers.get('retry-after')) * 1000);
    expect((await post(server, '/api/v1/auth/sign-in', { email, password: DEMO_PASSWORD })).status).toBe(200);
  });

  it('throttles sign-in per address across accounts', async () => {
    // A new run for this address: the attempts above are older than a run lasts.
    clock.advance(16 * 60_000);
    const emails = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((x) => `${x}.onbekend@zorgzaam.nl`);
    let last = 0;
    for (let i = 0; i < 31; i++) last = (await post(server, '/api/v1/auth/sign-in', { email: emails[i % emails.length], password: 'x' })).status;
    expect(last).toBe(429);
    clock.advance(16 * 60_000);
    // 31 sign-ins, each hashing a password by design (unknown accounts too, so timing tells nothing): slow on a busy machine.
  }, 120_000);

  it('ends a session after 30 idle minutes, keeps it while in use, and ends it 12 hours after sign-in', async () => {
    const idle = await tokenFor(server, 'p-devries');
    clock.advance(IDLE_MS - 5_000);
    expect((await post(server, '/api/v1/ops/session', {}, bearer(idle))).status).toBe(200);
    clock.advance(IDLE_MS - 5_000);
    expect((await post(server, '/api/v1/ops/session', {}, bearer(idle))).status).toBe(200);
    clock.advance(IDLE_MS + 1_000);
    expect((await post(server, '/api/v1/ops/session', {}, bearer(idle))).json).toMatchObject({ code: 'not-signed-in' });

    const busy = await tokenFor(server, 'p-devries');
    for (let t = 0; t < ABSOLUTE_MS - 20 * 60_000; t += 20 * 60_000) {
      clock.advance(20 * 60_000);
      expect((await post(server, '/api/v1/ops/session', {}, bearer(busy))).status).toBe(200);
    }
    clock.advance(20 * 60_000);
    expect((await post(server, '/api/v1/ops/session', {}, bearer(busy))).status).toBe(401);
  });

  it('signs out: the token stops working', async () => {
    const token = await tokenFor(server, 'p-elamrani');
    expect(await signOut(server.url, token)).toEqual({ ok: true, value: null });
    expect((await post(server, '/api/v1/ops/session', {}, bearer(token))).status).toBe(401);
  });

  it('R12: deactivation signs the person out everywhere at once and closes their live stream', async () => {
    const first = await tokenFor(server, 'p-deboer');
    const second = await tokenFor(server, 'p-deboer');
    const stream = await openSse(`${server.url}/api/v1/events`, bearer(first));
    await stream.next((e) => e.event === 'ready');
    const mulder = new HttpBackend({ baseUrl: server.url, tokens: memoryTokenStore(await tokenFor(server, 'p-mulder')) });
    expect((await mulder.call('deactivateAccount', { professionalId: 'p-deboer' })).ok).toBe(true);
    for (const t of [first, second]) {
      const r = await post(server, '/api/v1/ops/session', {}, bearer(t));
      expect(r.status).toBe(401);
      expect(r.json).toMatchObject({ code: 'account-inactive' });
    }
    expect(await stream.waitEnd()).toBe(true);
    expect((await signIn(server.url, { email: await emailOf(server, 'p-deboer'), password: DEMO_PASSWORD }))).toMatchObject({ ok: false, code: 'not-signed-in' });
  });
});

describe('TOTP an organisation can require', () => {
  let server: TestServer;
  const clock = testClock(Date.UTC(2026, 0, 5, 9, 0, 0));
  beforeAll(async () => {
    server = await pgliteServer({ now: clock.now });
  });
  afterAll(async () => {
    await server?.region.dispose();
  });

  it('only an account manager sets the requirement', async () => {
    const jansen = await tokenFor(server, 'p-jansen');
    expect((await post(server, '/api/v1/auth/org-settings', { requireTotp: true }, bearer(jansen))).status).toBe(403);
  });

  it('required: a session from before may only enrol, with the password; after enrolling, sign-in needs a fresh code', async () => {
    const email = await emailOf(server, 'p-yilmaz');
    const first = await signIn(server.url, { email, password: DEMO_PASSWORD });
    if (!first.ok) throw new Error(first.code);
    expect(first.value.totpEnrolmentRequired).toBe(false);
    const before = first.value.token;
    clock.advance(1_000);

    const bos = await tokenFor(server, 'p-bos');
    // The account manager enrols first: without a second factor of his own he may not require one.
    const bosSecret = (await post(server, '/api/v1/auth/totp/enrol', { password: DEMO_PASSWORD }, bearer(bos))).json.secret as string;
    expect((await post(server, '/api/v1/auth/totp/confirm', { code: totpCode(bosSecret, clock.now()) }, bearer(bos))).status).toBe(200);
    expect((await post(server, '/api/v1/auth/org-settings', { requireTotp: true }, bearer(bos))).json).toEqual({ requireTotp: true, notifyByDefault: true });
    expect((await post(server, '/api/v1/ops/session', {}, bearer(before))).json).toMatchObject({ code: 'not-signed-in', detail: 'totp-enrolment-required' });

    expect((await post(server, '/api/v1/auth/totp/enrol', {}, bearer(before))).status).toBe(400);
    expect((await post(server, '/api/v1/auth/totp/enrol', { password: 'niet-het-wachtwoord' }, bearer(before))).status).toBe(400);
    const enrol = await post(server, '/api/v1/auth/totp/enrol', { password: DEMO_PASSWORD }, bearer(before));
    expect(enrol.status).toBe(200);
    const secret = enrol.json.secret as string;
    expect(enrol.json.otpauthUri).toMatch(/^otpauth:\/\/totp\/Netwerkzorg:y\.yilmaz%40zorgzaam\.nl\?secret=[A-Z2-7]+&issuer=Netwerkzorg/);
    expect((await post(server, '/api/v1/auth/totp/confirm', { code: '000000' }, bearer(before))).status).toBe(400);
    expect((await post(server, '/api/v1/auth/totp/confirm', { code: totpCode(secret, clock.now()) }, bearer(before))).status).toBe(200);
    // The session that enrolled may now work.
    expect((await post(server, '/api/v1/ops/session', {}, bearer(before))).status).toBe(200);

    clock.advance(60_000);
    // One answer for a missing code, a wrong one and a wrong password.
    const missing = await post(server, '/api/v1/auth/sign-in', { email, password: DEMO_PASSWORD });
    const wrongCode = await post(server, '/api/v1/auth/sign-in', { email, password: DEMO_PASSWORD, totp: '123456' });
    const wrongPassword = await post(server, '/api/v1/auth/sign-in', { email, password: 'niet-het-wachtwoord' });
    expect(missing.status).toBe(401);
    expect(missing.json).toEqual({ ok: false, code: 'not-signed-in', detail: 'totp-required' });
    expect(wrongCode.text).toBe(missing.text);
    expect(wrongPassword.text).toBe(missing.text);
    const code = totpCode(secret, clock.now());
    const ok = await signIn(server.url, { email, password: DEMO_PASSWORD, totp: code });
    expect(ok).toMatchObject({ ok: true, value: { totpEnrolmentRequired: false } });
    // A code works once.
    expect((await post(server, '/api/v1/auth/sign-in', { email, password: DEMO_PASSWORD, totp: code })).text).toBe(missing.text);
  });
});
