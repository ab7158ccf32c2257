import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventTicket, eventsUrl, signIn } from '../../lib/backend/http/auth-client';
import type { AuditEvent } from '../../lib/domain';
import { totpCode } from '../../server/auth/totp';
import { DEMO_PASSWORD } from '../../server/seed';
import { bearer, emailOf, openSse, pgliteServer, post, testClock, tokenFor, type TestServer } from './helpers';

const enrol = (server: TestServer, token: string, password = DEMO_PASSWORD) => post(server, '/api/v1/auth/totp/enrol', { password }, bearer(token));

/** Enrols a second factor for a person in a session of theirs; the secret. */
async function enrolled(server: TestServer, token: string, now: Date): Promise<string> {
  const r = await enrol(server, token);
  if (r.status !== 200) throw new Error(`enrol: ${r.status} ${r.text}`);
  const secret = r.json.secret as string;
  const confirm = await post(server, '/api/v1/auth/totp/confirm', { code: totpCode(secret, now) }, bearer(token));
  if (confirm.status !== 200) throw new Error(`confirm: ${confirm.status} ${confirm.text}`);
  return secret;
}

async function auditOf(server: TestServer, objectType: AuditEvent['objectType']): Promise<AuditEvent[]> {
  return (await server.ctx.db.query<{ doc: AuditEvent }>(`SELECT doc FROM audit WHERE doc->>'objectType' = $1 ORDER BY doc->>'at'`, [objectType])).map((r) => r.doc);
}

describe('second factor: enrolment and the organisation requirement', () => {
  let server: TestServer;
  const clock = testClock(Date.UTC(2026, 2, 2, 9, 0, 0));
  let bosSecret: string;
  /** Henk Bos, the account manager, signed in with his own second factor (a fresh time step each time). */
  async function bos(): Promise<string> {
    clock.advance(30_000);
    const r = await signIn(server.url, { email: 'h.bos@zorgzaam.nl', password: DEMO_PASSWORD, totp: totpCode(bosSecret, clock.now()) });
    if (!r.ok) throw new Error(r.code);
    return r.value.token;
  }
  beforeAll(async () => {
    server = await pgliteServer({ now: clock.now });
  });
  afterAll(async () => {
    await server?.region.dispose();
  });

  it('org sign-in policy: an account manager without a second factor of their own cannot switch the requirement on', async () => {
    const token = await tokenFor(server, 'p-bos');
    const r = await post(server, '/api/v1/auth/org-settings', { requireTotp: true }, bearer(token));
    expect(r.status).toBe(409);
    expect(r.json).toMatchObject({ detail: 'enrol-own-second-factor-first' });
    expect(await server.ctx.db.query('SELECT 1 FROM org_settings')).toHaveLength(0);
    bosSecret = await enrolled(server, token, clock.now());
  });

  it('TOTP enrolment and the org requirement: after requireTotp, the password alone cannot enrol an authenticator for someone', async () => {
    expect((await post(server, '/api/v1/auth/org-settings', { requireTotp: true }, bearer(await bos()))).status).toBe(200);
    clock.advance(1_000);
    // Someone who has only Maria de Graaf's password signs in after the switch…
    const r = await signIn(server.url, { email: await emailOf(server, 'p-degraaf'), password: DEMO_PASSWORD });
    if (!r.ok) throw new Error(r.code);
    expect(r.value.totpEnrolmentRequired).toBe(true);
    const intruder = r.value.token;
    // …and can neither work nor bind an authenticator, even with the password re-entered.
    expect((await post(server, '/api/v1/ops/session', {}, bearer(intruder))).json).toMatchObject({ detail: 'totp-enrolment-required' });
    const refused = await enrol(server, intruder);
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({ code: 'conflict', detail: 'totp-enrolment-link-required' });
    const creds = (await server.ctx.db.query<{ totp_secret: unknown; totp_pending: unknown }>(
      "SELECT totp_secret, totp_pending FROM credentials WHERE professional_id = 'p-degraaf'"))[0]!;
    expect(creds).toEqual({ totp_secret: null, totp_pending: null });
    expect((await post(server, '/api/v1/auth/event-ticket', {}, bearer(intruder))).status).toBe(401);
  });

  it('TOTP enrolment and the org requirement: a session from before the switch is restricted, enrols with the password, and other waiting sessions end', async () => {
    expect((await post(server, '/api/v1/auth/org-settings', { requireTotp: false }, bearer(await bos()))).status).toBe(200);
    const dekker = await tokenFor(server, 'p-dekker');
    const stream = await openSse(`${server.url}/api/v1/events`, bearer(dekker));
    await stream.next((e) => e.event === 'ready');
    clock.advance(1_000);
    expect((await post(server, '/api/v1/auth/org-settings', { requireTotp: true }, bearer(await bos()))).status).toBe(200);
    // Switching the requirement on restricts the session at once and closes its live stream.
    expect(await stream.waitEnd()).toBe(true);
    expect((await post(server, '/api/v1/ops/session', {}, bearer(dekker))).json).toMatchObject({ code: 'not-signed-in', detail: 'totp-enrolment-required' });
    clock.advance(1_000);
    const later = await tokenFor(server, 'p-dekker');
    expect((await enrol(server, dekker, 'niet-mijn-wachtwoord')).status).toBe(400);
    // The enrolment started in one session cannot be confirmed from another.
    const started = await enrol(server, dekker);
    expect((await post(server, '/api/v1/auth/totp/confirm', { code: totpCode(started.json.secret as string, clock.now()) }, bearer(later))).status).toBe(400);
    await enrolled(server, dekker, clock.now());
    expect((await post(server, '/api/v1/ops/session', {}, bearer(dekker))).status).toBe(200);
    // The session opened after the switch, with the password only, is gone.
    expect((await post(server, '/api/v1/ops/session', {}, bearer(later))).status).toBe(401);
    const audit = await auditOf(server, 'secondFactor');
    expect(audit.at(-1)).toMatchObject({ event: 'create', action: 'enrolSecondFactor', objectId: 'p-dekker', userId: 'p-dekker', orgId: 'org-zorgzaam', outcome: 'success' });
    expect(audit.at(-1)!.clientId).toBeUndefined();
  });

  it('org sign-in policy: each change is an audit record of the account manager; a refusal writes none', async () => {
    const policy = await auditOf(server, 'signInPolicy');
    expect(policy.map((a) => a.action)).toEqual(['requireSecondFactor', 'stopRequiringSecondFactor', 'requireSecondFactor']);
    expect(policy.every((a) => a.userId === 'p-bos' && a.objectId === 'org-zorgzaam' && a.event === 'update')).toBe(true);
    const count = async () => (await server.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit'))[0]!.n;
    const before = await count();
    expect((await post(server, '/api/v1/auth/org-settings', { requireTotp: false }, bearer(await tokenFor(server, 'p-devries')))).status).toBe(403);
    expect(await count()).toBe(before);
  });
});

describe('second-factor reset and TOTP replay (no requirement)', () => {
  let server: TestServer;
  const clock = testClock(Date.UTC(2026, 2, 3, 9, 0, 0));
  beforeAll(async () => {
    server = await pgliteServer({ now: clock.now });
  });
  afterAll(async () => {
    await server?.region.dispose();
  });

  it('second-factor reset: an account manager resets a person of the own organisation only; audited; their sessions end', async () => {
    const visser = await tokenFor(server, 'p-visser');
    const secret = await enrolled(server, visser, clock.now());
    clock.advance(60_000);
    const stream = await openSse(`${server.url}/api/v1/events`, bearer(visser));
    await stream.next((e) => e.event === 'ready');
    // Another organisation's account manager: as if there were no such person.
    const bos = await post(server, '/api/v1/auth/totp/reset', { professionalId: 'p-visser' }, bearer(await tokenFor(server, 'p-bos')));
    expect(bos.status).toBe(404);
    // Not an account manager.
    expect((await post(server, '/api/v1/auth/totp/reset', { professionalId: 'p-visser' }, bearer(await tokenFor(server, 'p-jansen')))).status).toBe(403);
    expect((await server.ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit WHERE doc->>'action' = 'resetSecondFactor'"))[0]!.n).toBe(0);
    const email = await emailOf(server, 'p-visser');
    expect((await signIn(server.url, { email, password: DEMO_PASSWORD, totp: totpCode(secret, clock.now()) })).ok).toBe(true);

    const mulder = await tokenFor(server, 'p-mulder');
    expect((await post(server, '/api/v1/auth/totp/reset', { professionalId: 'p-visser' }, bearer(mulder))).json).toEqual({ reset: true });
    expect((await post(server, '/api/v1/ops/session', {}, bearer(visser))).status).toBe(401);
    expect(await stream.waitEnd()).toBe(true);
    // Signs in with the password alone again, and may enrol anew.
    const again = await signIn(server.url, { email, password: DEMO_PASSWORD });
    expect(again).toMatchObject({ ok: true, value: { totpEnrolmentRequired: false } });
    const audit = (await server.ctx.db.query<{ doc: AuditEvent }>("SELECT doc FROM audit WHERE doc->>'action' = 'resetSecondFactor'")).map((r) => r.doc);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ event: 'update', objectType: 'secondFactor', objectId: 'p-visser', userId: 'p-mulder', orgId: 'org-hap-lombok', outcome: 'success' });
  });

  it('TOTP replay: 5 parallel sign-ins with the same valid code give exactly 1 token', async () => {
    const smit = await tokenFor(server, 'p-smit');
    const secret = await enrolled(server, smit, clock.now());
    clock.advance(60_000);
    const email = await emailOf(server, 'p-smit');
    const code = totpCode(secret, clock.now());
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(server, '/api/v1/auth/sign-in', { email, password: DEMO_PASSWORD, totp: code })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401, 401, 401, 401]);
    expect(answers.filter((a) => typeof a.json.token === 'string')).toHaveLength(1);
  });

  it('TOTP secrets are encrypted at rest with the server key, bound to their owner', async () => {
    const rows = await server.ctx.db.query<{ professional_id: string; totp_secret: string }>('SELECT professional_id, totp_secret FROM credentials WHERE totp_secret IS NOT NULL');
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.totp_secret).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(r.totp_secret).not.toMatch(/^[A-Z2-7]{32}$/);
    }
    // A secret copied onto another person's row does not open there: no code can match.
    const smit = rows.find((r) => r.professional_id === 'p-smit')!;
    await server.ctx.db.query("UPDATE credentials SET totp_secret = $1 WHERE professional_id = 'p-jansen'", [smit.totp_secret]);
    clock.advance(60_000);
    const jansen = await post(server, '/api/v1/auth/sign-in', { email: await emailOf(server, 'p-jansen'), password: DEMO_PASSWORD, totp: '123456' });
    expect(jansen.status).toBe(401);
  });
});

describe('event tickets end with their session', () => {
  let server: TestServer;
  const clock = testClock(Date.UTC(2026, 2, 4, 9, 0, 0));
  beforeAll(async () => {
    server = await pgliteServer({ now: clock.now });
  });
  afterAll(async () => {
    await server?.region.dispose();
  });

  it('event tickets: a ticket fetched before sign-out does not open the stream after it', async () => {
    const token = await tokenFor(server, 'p-jansen');
    const ticket = await eventTicket(server.url, token);
    if (!ticket.ok) throw new Error(ticket.code);
    expect((await post(server, '/api/v1/auth/sign-out', {}, bearer(token))).status).toBe(200);
    const stream = await openSse(eventsUrl(server.url, ticket.value.ticket));
    expect(stream.status).toBe(401);
    stream.close();
    expect((await server.ctx.db.query("SELECT 1 FROM event_tickets WHERE professional_id = 'p-jansen'"))).toHaveLength(0);
  });

  it('event tickets: redeeming checks the session\'s idle expiry', async () => {
    const token = await tokenFor(server, 'p-devries');
    const ticket = await eventTicket(server.url, token);
    if (!ticket.ok) throw new Error(ticket.code);
    // Still within the ticket's minute, but the session has been idle (last used 30 minutes ago) by then.
    await server.ctx.db.query("UPDATE sessions SET last_seen = $1 WHERE professional_id = 'p-devries'", [new Date(clock.now().getTime() - 31 * 60_000).toISOString()]);
    const stream = await openSse(eventsUrl(server.url, ticket.value.ticket));
    expect(stream.status).toBe(401);
    stream.close();
  });
});
