/**
 * The authorisation matrix of the routes beside the operations (sign-in,
 * passwords, invitations, second factor, mail settings and status, sign-in
 * through the organisation's OpenID provider): every
 * route × every kind of caller, over real HTTP, each cell with the status it
 * must get. Each cell has a session of its own, so no cell's effect (a
 * sign-out, a reset) changes another's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpBackend } from '../../lib/backend/http/http-backend';
import { memoryTokenStore } from '../../lib/backend/http/token-store';
import { AUTH_ROUTES } from '../../lib/contract/wire';
import { parseOidcConfig } from '../../server/auth/oidc/config';
import { createSession } from '../../server/auth/sessions';
import { bearer, pgliteServer, tokenFor, type TestServer } from './helpers';

const CALLERS = ['anonymous', 'unknown token', 'deactivated account', 'care professional', 'account manager', 'account manager, other organisation'] as const;
type Caller = (typeof CALLERS)[number];
const WHO: Partial<Record<Caller, string>> = {
  'deactivated account': 'p-visser', 'care professional': 'p-jansen', 'account manager': 'p-mulder', 'account manager, other organisation': 'p-bos',
};

interface Row { method: 'GET' | 'POST'; path: string; body?: (pending: string, caller: number) => unknown; form?: Record<string, string>; expect: Record<Caller, number> }

/** Signed-in routes: the first three callers always get 401; then care professional, own account manager, other organisation's. */
const signedIn = (care: number, manager: number, other: number): Record<Caller, number> =>
  ({ anonymous: 401, 'unknown token': 401, 'deactivated account': 401, 'care professional': care, 'account manager': manager, 'account manager, other organisation': other });
const everyone = (status: number): Record<Caller, number> => Object.fromEntries(CALLERS.map((c) => [c, status])) as Record<Caller, number>;

const POST_ROUTES: Record<keyof typeof AUTH_ROUTES, Omit<Row, 'method' | 'path'>> = {
  // Addresses of no account, one per caller: the sign-in and reset throttles count per address.
  'sign-in': { body: (_, i) => ({ email: `niemand-${i}@lombokhuisartsen.nl`, password: 'niet-het-goede-wachtwoord' }), expect: everyone(401) },
  'sign-out': { body: () => ({}), expect: signedIn(200, 200, 200) },
  'set-password': { body: () => ({ token: 'x'.repeat(43), password: 'een-lang-genoeg-wachtwoord' }), expect: everyone(404) },
  // Only the organisation's account manager, and only for its own people (another organisation's: not there).
  'resend-invitation': { body: (pending) => ({ professionalId: pending }), expect: signedIn(403, 200, 404) },
  // The same answer for every caller: the route says nothing about who has an account.
  'request-password-reset': { body: (_, i) => ({ email: `niemand-${i}@lombokhuisartsen.nl` }), expect: everyone(200) },
  'reset-password': { body: () => ({ token: 'y'.repeat(43), password: 'een-lang-genoeg-wachtwoord' }), expect: everyone(404) },
  'change-password': { body: () => ({ currentPassword: 'niet-het-goede-wachtwoord', password: 'een-lang-genoeg-wachtwoord' }), expect: signedIn(400, 400, 400) },
  // Only lists of one's own: the assistants' inbox is p-jansen's, not the account managers'.
  'mail-settings': { body: () => ({ lists: { 'inbox-assistentes': true } }), expect: signedIn(200, 400, 400) },
  'mail-status': { body: () => ({}), expect: signedIn(403, 200, 200) },
  'totp/enrol': { body: () => ({ password: 'niet-het-goede-wachtwoord' }), expect: signedIn(400, 400, 400) },
  'totp/confirm': { body: () => ({ code: '123456' }), expect: signedIn(400, 400, 400) },
  // The organisation's own policy, by its account manager.
  'org-settings': { body: () => ({ requireTotp: false }), expect: signedIn(403, 200, 200) },
  'totp/reset': { body: () => ({ professionalId: 'p-elamrani' }), expect: signedIn(403, 200, 404) },
  'event-ticket': { body: () => ({}), expect: signedIn(200, 200, 200) },
  // A one-time code of no sign-in: the same refusal for everyone (a bearer token counts for nothing here).
  'oidc/exchange': { body: () => ({ nz_code: 'z'.repeat(43) }), expect: everyone(401) },
};

const ROWS: Row[] = [
  ...Object.entries(POST_ROUTES).map(([route, r]) => ({ method: 'POST' as const, path: `/api/v1/auth/${route}`, ...r })),
  { method: 'GET', path: '/api/v1/auth/org-settings', expect: signedIn(200, 200, 200) },
  { method: 'GET', path: '/api/v1/auth/mail-settings', expect: signedIn(200, 200, 200) },
  // Invitations and undeliverable mail: the account manager's own organisation's.
  { method: 'GET', path: '/api/v1/auth/mail-status', expect: signedIn(403, 200, 200) },
  { method: 'GET', path: '/api/v1/mail/unsubscribe?t=eyJ4IjoxfQ.AAAAAAAAAAAAAAAAAAAAAA', expect: everyone(404) },
  { method: 'POST', path: '/api/v1/mail/unsubscribe?t=eyJ4IjoxfQ.AAAAAAAAAAAAAAAAAAAAAA', expect: everyone(404) },
  // Sign-in through the organisation's provider (test/server/oidc.test.ts has the flow itself): anonymous routes, the same for every
  // caller. A return outside the allow-list is refused before the provider is asked; an organisation without a provider is not there.
  { method: 'GET', path: `/api/v1/auth/oidc/org-zorgzaam/start?return=${encodeURIComponent('https://evil.example/')}`, expect: everyone(400) },
  { method: 'GET', path: `/api/v1/auth/oidc/org-hap-lombok/start?return=${encodeURIComponent('https://cbdochepajajcahpomnhehgjmgccdjih.chromiumapp.org/sso')}`, expect: everyone(404) },
  { method: 'GET', path: '/api/v1/auth/oidc/callback?code=abc&state=niet-bekend', expect: everyone(400) },
  { method: 'GET', path: '/api/v1/auth/oidc/organisations', expect: everyone(200) },
  // The widget popup's return page: the same static page for every caller, holding nothing of anyone.
  { method: 'GET', path: '/embed/signed-in?nz_code=abc', expect: everyone(200) },
  { method: 'POST', path: '/api/v1/auth/oidc/backchannel-logout', form: { logout_token: 'geen.jwt.dit' }, expect: everyone(400) },
  // The provider's logout frame: the same page for every caller, whatever it ended (a sid of no one's here).
  { method: 'GET', path: '/api/v1/auth/oidc/frontchannel-logout?sid=niet-bekend', expect: everyone(200) },
];

describe('authorisation matrix: every auth and mail route × every kind of caller', () => {
  let server: TestServer;
  let pending: string;
  beforeAll(async () => {
    // One organisation signs in through a provider (never reached here: every cell is refused before it would be).
    server = await pgliteServer({ config: { oidc: parseOidcConfig({ 'org-zorgzaam': { issuer: 'http://127.0.0.1:9', clientId: 'nz', clientSecret: 'x', requireMfa: true, passwordSignIn: true } }, '.') } });
    const manager = new HttpBackend({ baseUrl: server.url, tokens: memoryTokenStore(await tokenFor(server, 'p-mulder')) });
    const created = await manager.call('createAccount', { name: 'Nog Niet Actief', email: 'nog.niet@lombokhuisartsen.nl', role: 'assistant', isCareProfessional: true });
    if (!created.ok) throw new Error(created.code);
    pending = created.value.id;
  });
  afterAll(async () => {
    await server?.region.dispose();
  });

  async function headersFor(caller: Caller): Promise<Record<string, string>> {
    if (caller === 'anonymous') return {};
    if (caller === 'unknown token') return bearer('x'.repeat(43));
    const session = await server.ctx.db.transaction('write', (sql) => createSession(sql, WHO[caller]!, server.ctx.now(), false));
    if (caller === 'deactivated account') await server.ctx.db.query(`UPDATE sessions SET revoked_at = now() WHERE professional_id = $1`, [WHO[caller]]);
    return bearer(session.token);
  }

  it('lists every auth route', () => {
    expect(Object.keys(POST_ROUTES).sort()).toEqual(Object.keys(AUTH_ROUTES).sort());
  });

  for (const row of ROWS) {
    it(`${row.method} ${row.path.replace(/\?.*/, '')}`, async () => {
      const got: Partial<Record<Caller, number>> = {};
      for (const caller of CALLERS) {
        const type = row.form ? 'application/x-www-form-urlencoded' : 'application/json';
        const res = await fetch(server.url + row.path, {
          method: row.method,
          headers: { ...(row.method === 'POST' ? { 'Content-Type': type } : {}), ...(await headersFor(caller)) },
          body: row.form ? new URLSearchParams(row.form).toString() : row.method === 'POST' && row.body ? JSON.stringify(row.body(pending, CALLERS.indexOf(caller))) : undefined,
          redirect: 'manual',
        });
        await res.arrayBuffer();
        got[caller] = res.status;
      }
      if (JSON.stringify(got) !== JSON.stringify(row.expect)) throw new Error(`got ${JSON.stringify(got)}`);
    });
  }
});
