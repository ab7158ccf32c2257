/**
 * Sign-in with the organisation's own account (OpenID Connect), against a real OpenID provider
 * (oidc-provider) started on loopback: the flow, account matching (R11, R12), the second factor,
 * the one-time code, deprovisioning (refresh check-in, back-channel logout, deactivation) and the
 * security log.
 */
import { generateKeyPair, SignJWT, decodeJwt } from 'jose';
import { connectServer } from '../../lib/backend/http/server-connection';
import type { ProviderStep } from '../../lib/backend/http/sso';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpBackend } from '../../lib/backend/http/http-backend';
import { memoryTokenStore } from '../../lib/backend/http/token-store';
import { SSO_START_RATE } from '../../server/auth/oidc/routes';
import { createSession } from '../../server/auth/sessions';
import { hashToken } from '../../server/auth/tokens';
import { bearer, post, tokenFor } from './helpers';
import { Browser, deliver, exchange, EXTENSION_RETURN, loginAtProvider, signInThroughProvider, ssoRegion, type SsoRegion } from './support/oidc';

describe('sign-in through the organisation\'s OpenID provider', () => {
  let region: SsoRegion;
  beforeAll(async () => {
    region = await ssoRegion();
  });
  afterAll(async () => {
    await region?.close();
  });

  const whoAmI = (token: string) => post(region.server, '/api/v1/ops/session', {}, bearer(token));
  const count = async (table: string) => Number((await region.server.ctx.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);

  it('signs an active account in: the provider\'s code becomes a one-time nz_code, exchanged for a session as sign-in gives (private_key_jwt)', async () => {
    const r = await signInThroughProvider(region, 'org-zorgzaam', 'y.yilmaz@zorgzaam.nl');
    expect(r.refused).toBeUndefined();
    expect(r.professionalId).toBe('p-yilmaz');
    expect(r.location!.origin + r.location!.pathname).toBe(EXTENSION_RETURN);
    expect([...r.location!.searchParams.keys()]).toEqual(['nz_code']);
    const me = await whoAmI(r.token!);
    expect(me.status).toBe(200);
    expect(me.json.professionalId ?? (me.json.professional as { id: string })?.id).toBe('p-yilmaz');
  });

  it('the product\'s own client: lists the organisations with a provider, signs in through one and keeps the token in its store', async () => {
    const tokens = memoryTokenStore();
    const step: ProviderStep = {
      returnUrl: EXTENSION_RETURN,
      async open(startUrl) {
        // The browser's window: the start address the client made, then the provider's login, then back.
        expect(startUrl).toBe(`${region.server.url}/api/v1/auth/oidc/org-zorgzaam/start?return=${encodeURIComponent(EXTENSION_RETURN)}`);
        const { callback } = await loginAtProvider(region, 'org-zorgzaam', 'y.yilmaz@zorgzaam.nl');
        return (await deliver(region, callback)).location?.href ?? null;
      },
    };
    const { mode } = connectServer(region.server.url, tokens, step);
    const listed = await mode.organisations();
    expect(listed.ok && listed.value.map((o) => o.orgId).sort()).toEqual(['org-hap-lombok', 'org-zorgzaam']);
    expect(listed.ok && listed.value.every((o) => o.name.length > 0)).toBe(true);
    expect(await mode.signInWithOrganisation('org-zorgzaam')).toEqual({ ok: true, totpEnrolmentRequired: false, professionalId: 'p-yilmaz' });
    expect((await whoAmI((await tokens.get())!)).status).toBe(200);
    // Closed before the end: not signed in, and says so.
    const closed = connectServer(region.server.url, memoryTokenStore(), { returnUrl: EXTENSION_RETURN, open: async () => null });
    expect(await closed.mode.signInWithOrganisation('org-zorgzaam')).toEqual({ ok: false, code: 'sso-failed' });
  });

  it('signs in with a client secret too (the practice), without a second factor where none is required', async () => {
    const r = await signInThroughProvider(region, 'org-hap-lombok', 'l.smit@lombokhuisartsen.nl', { mfa: false });
    expect(r.professionalId).toBe('p-smit');
  });

  it('R12: refuses an address with no account of the organisation, and creates none', async () => {
    const before = await count('oidc_identities');
    const r = await signInThroughProvider(region, 'org-zorgzaam', 'n.iemand@zorgzaam.nl');
    expect(r.refused).toBe('sso-no-account');
    const people = await region.server.ctx.store.transaction('read', (tx) => tx.query('professionals', 'byEmail', { equals: ['n.iemand@zorgzaam.nl'], limit: 1 }));
    expect(people).toEqual([]);
    expect(await count('oidc_identities')).toBe(before);
  });

  it('R11: refuses a free-mail address even when the provider vouches for it, and another organisation\'s domain', async () => {
    expect((await signInThroughProvider(region, 'org-zorgzaam', 'yusuf.yilmaz@gmail.com')).refused).toBe('email-private');
    expect((await signInThroughProvider(region, 'org-zorgzaam', 'a.devries@lombokhuisartsen.nl')).refused).toBe('email-not-organisational');
  });

  it('R11: refuses an address the provider does not say is verified', async () => {
    expect((await signInThroughProvider(region, 'org-zorgzaam', 'm.degraaf@zorgzaam.nl')).refused).toBe('sso-email-unverified');
  });

  it('refuses a sign-in without a second factor where the organisation requires one (amr/acr)', async () => {
    expect((await signInThroughProvider(region, 'org-zorgzaam', 'y.yilmaz@zorgzaam.nl', { mfa: false })).refused).toBe('sso-mfa-required');
  });

  it('R12: refuses a deactivated account; deactivation ends the sessions opened through the provider', async () => {
    const manager = new HttpBackend({ baseUrl: region.server.url, tokens: memoryTokenStore(await tokenFor(region.server, 'p-mulder')) });
    const visser = await signInThroughProvider(region, 'org-hap-lombok', 'm.visser@lombokhuisartsen.nl', { mfa: false });
    expect((await whoAmI(visser.token!)).status).toBe(200);
    const done = await manager.call('deactivateAccount', { professionalId: 'p-visser' });
    expect(done.ok).toBe(true);
    const after = await whoAmI(visser.token!);
    expect(after.status).toBe(401);
    expect(after.json.code).toBe('account-inactive');
    expect((await signInThroughProvider(region, 'org-hap-lombok', 'm.visser@lombokhuisartsen.nl', { mfa: false })).refused).toBe('account-inactive');
  });

  it('refuses a wrong state, and one of another flow (its PKCE verifier and nonce do not fit)', async () => {
    const { callback } = await loginAtProvider(region, 'org-zorgzaam', 'y.yilmaz@zorgzaam.nl');
    const wrong = new URL(callback);
    wrong.searchParams.set('state', 'niet-de-goede-state-maar-een-andere');
    const answer = await deliver(region, wrong);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, code: 'sso-failed', detail: 'state' });

    const other = await loginAtProvider(region, 'org-zorgzaam', 'y.yilmaz@zorgzaam.nl');
    const swapped = new URL(callback);
    swapped.searchParams.set('state', other.callback.searchParams.get('state')!);
    const mixed = await deliver(region, swapped);
    expect(mixed.location?.searchParams.get('nz_error')).toBe('sso-failed');
  });

  it('refuses a replayed code: the provider\'s at the callback (the flow is used up) and the nz_code at the exchange', async () => {
    const { callback } = await loginAtProvider(region, 'org-zorgzaam', 'y.yilmaz@zorgzaam.nl');
    const first = await deliver(region, callback);
    const code = first.location!.searchParams.get('nz_code')!;
    const again = await deliver(region, callback);
    expect(again.status).toBe(400);
    expect(JSON.parse(again.body).code).toBe('sso-failed');
    expect((await exchange(region, code)).status).toBe(200);
    const replay = await exchange(region, code);
    expect(replay.status).toBe(401);
    expect(replay.json).toMatchObject({ ok: false, code: 'not-signed-in' });
  });

  it('refuses an nz_code older than 60 seconds', async () => {
    const { callback } = await loginAtProvider(region, 'org-zorgzaam', 'y.yilmaz@zorgzaam.nl');
    const code = (await deliver(region, callback)).location!.searchParams.get('nz_code')!;
    region.clock.advance(61_000);
    try {
      expect((await exchange(region, code)).status).toBe(401);
    } finally {
      region.clock.advance(-61_000); // the provider's clock is the real one: the tests after this keep to it
    }
  });

  it('refuses an ID token with a nonce other than the flow\'s', async () => {
    const r = await signInThroughProvider(region, 'org-zorgzaam', 'y.yilmaz@zorgzaam.nl', {
      alterAuthorization: (u) => u.searchParams.set('nonce', 'een-nonce-van-iemand-anders'),
    });
    expect(r.refused).toBe('sso-failed');
    expect(region.logs.some(([e, f]) => e === 'sso-sign-in-refused' && /nonce|JWT_CLAIM/i.test(String(f.outcome)))).toBe(true);
  });

  it('refuses an ID token signed by another key than the provider\'s (under the provider\'s key id)', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    region.idp.tokenAnswer = async (body) => {
      const claims = decodeJwt(String(body.id_token));
      return { ...body, id_token: await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'demo-signing' }).sign(privateKey) };
    };
    try {
      const r = await signInThroughProvider(region, 'org-zorgzaam', 'y.yilmaz@zorgzaam.nl');
      expect(r.refused).toBe('sso-failed');
    } finally {
      region.idp.tokenAnswer = undefined;
    }
  });

  it('a return outside the allow-list is refused (400), and nothing is written', async () => {
    const before = await count('oidc_flows');
    for (const target of [
      'https://evil.example/sso', 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/sso', 'http://cbdochepajajcahpomnhehgjmgccdjih.chromiumapp.org/',
      `${region.server.ctx.config.publicUrl}/api/v1/ops/session`, 'javascript:alert(1)',
      // Only the popup's return page on this server: another embed page would keep the code in its address.
      `${region.server.ctx.config.publicUrl}/embed/?org=org-zorgzaam`, `${region.server.ctx.config.publicUrl}/embed/signed-in/x`,
    ]) {
      const res = await fetch(`${region.server.url}/api/v1/auth/oidc/org-zorgzaam/start?return=${encodeURIComponent(target)}`, { redirect: 'manual' });
      expect(res.status, target).toBe(400);
      expect(await res.json()).toMatchObject({ ok: false, code: 'return-not-allowed' });
    }
    const embed = await fetch(`${region.server.url}/api/v1/auth/oidc/org-zorgzaam/start?return=${encodeURIComponent(`${region.server.ctx.config.publicUrl}/embed/signed-in`)}`, { redirect: 'manual' });
    expect(embed.status).toBe(302);
    expect(await count('oidc_flows')).toBe(before + 1);
    const unknown = await fetch(`${region.server.url}/api/v1/auth/oidc/org-buurtteam/start?return=${encodeURIComponent(EXTENSION_RETURN)}`, { redirect: 'manual' });
    expect(unknown.status).toBe(404);
  });

  it('the widget\'s popup keeps its opener: start, callback and the return page say COOP unsafe-none, every other answer same-origin', async () => {
    const back = `${region.server.ctx.config.publicUrl}/embed/signed-in`;
    const start = await fetch(`${region.server.url}/api/v1/auth/oidc/org-zorgzaam/start?return=${encodeURIComponent(back)}`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    expect(start.headers.get('cross-origin-opener-policy')).toBe('unsafe-none');
    const { callback } = await loginAtProvider(region, 'org-zorgzaam', 'y.yilmaz@zorgzaam.nl', { returnUrl: back });
    const delivered = await fetch(`${region.server.url}${callback.pathname}${callback.search}`, { redirect: 'manual' });
    expect(delivered.status).toBe(302);
    expect(delivered.headers.get('cross-origin-opener-policy')).toBe('unsafe-none');
    expect(new URL(delivered.headers.get('location')!).pathname).toBe('/embed/signed-in');
    const page = await fetch(`${region.server.url}/embed/signed-in`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cross-origin-opener-policy')).toBe('unsafe-none');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const script = await (await fetch(`${region.server.url}/embed/signed-in.js`)).text();
    // Posted to this origin only, never '*'.
    expect(script).toContain('location.origin)');
    expect(script).not.toContain("'*'");
    for (const path of ['/api/v1/health', '/api/v1/auth/oidc/organisations', '/api/v1/docs']) {
      expect((await fetch(`${region.server.url}${path}`)).headers.get('cross-origin-opener-policy'), path).toBe('same-origin');
    }
  });

  it('passwordSignIn false refuses a password sign-in of that organisation, with or without an account; others keep their password', async () => {
    for (const email of ['y.yilmaz@zorgzaam.nl', 'n.iemand@zorgzaam.nl']) {
      const r = await post(region.server, '/api/v1/auth/sign-in', { email, password: 'oefenen-netwerkzorg' });
      expect(r.status, email).toBe(403);
      expect(r.json).toMatchObject({ ok: false, code: 'password-sign-in-off' });
    }
    expect(typeof (await tokenFor(region.server, 'p-jansen'))).toBe('string');
  });

  it('matches by the provider\'s subject first: a changed address at the provider is still the same person; another subject with that address is refused', async () => {
    const person = region.idp.people.get('sub-yilmaz')!;
    person.email = 'yusuf.yilmaz@zorgzaam.nl';
    try {
      expect((await signInThroughProvider(region, 'org-zorgzaam', 'yusuf.yilmaz@zorgzaam.nl')).professionalId).toBe('p-yilmaz');
    } finally {
      person.email = 'y.yilmaz@zorgzaam.nl';
    }
    region.idp.people.set('sub-someone-else', { sub: 'sub-someone-else', email: 'y.yilmaz@zorgzaam.nl' });
    try {
      // The provider's login finds the first person with the address: put the impostor first.
      const yilmaz = region.idp.people.get('sub-yilmaz')!;
      region.idp.people.delete('sub-yilmaz');
      const r = await signInThroughProvider(region, 'org-zorgzaam', 'y.yilmaz@zorgzaam.nl');
      region.idp.people.set('sub-yilmaz', yilmaz);
      expect(r.refused).toBe('sso-identity-conflict');
    } finally {
      region.idp.people.delete('sub-someone-else');
    }
  });

  it('checks in with the provider\'s refresh token: still there, the session goes on; removed there, the session ends at its next use', async () => {
    const r = await signInThroughProvider(region, 'org-zorgzaam', 'j.dekker@zorgzaam.nl');
    expect(r.professionalId).toBe('p-dekker');
    region.clock.advance(16 * 60_000);
    expect((await whoAmI(r.token!)).status).toBe(200);
    const dekker = region.idp.people.get('sub-dekker')!;
    region.idp.people.delete('sub-dekker');
    try {
      expect((await whoAmI(r.token!)).status).toBe(200); // checked in a moment ago
      region.clock.advance(16 * 60_000);
      const after = await whoAmI(r.token!);
      expect(after.status).toBe(401);
      expect(region.logs.some(([e, f]) => e === 'sso-check-in-refused' && f.professionalId === 'p-dekker')).toBe(true);
    } finally {
      region.idp.people.set('sub-dekker', dekker);
      region.clock.advance(-32 * 60_000);
    }
  });

  it('back-channel logout: the provider\'s logout ends every session of that person here; a forged logout token is refused', async () => {
    const one = await signInThroughProvider(region, 'org-zorgzaam', 'y.yilmaz@zorgzaam.nl');
    const two = await signInThroughProvider(region, 'org-zorgzaam', 'y.yilmaz@zorgzaam.nl', { browser: new Browser() });
    const other = await signInThroughProvider(region, 'org-hap-lombok', 'l.smit@lombokhuisartsen.nl', { mfa: false });

    // A token signed by someone else, naming Yilmaz's subject: refused, nothing ends.
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ sub: 'sub-yilmaz', events: { 'http://schemas.openid.net/event/backchannel-logout': {} } })
      .setProtectedHeader({ alg: 'RS256', kid: 'demo-signing', typ: 'logout+jwt' }).setIssuer(region.idp.issuer).setAudience('netwerkzorg-zorgzaam')
      .setIssuedAt().setJti(crypto.randomUUID()).sign(privateKey);
    const refused = await fetch(`${region.server.url}/api/v1/auth/oidc/backchannel-logout`, {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ logout_token: forged }).toString(),
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: 'invalid_request' });
    expect((await whoAmI(one.token!)).status).toBe(200);

    // Sign out at the provider (RP-less logout, confirmed on its page): it calls the server's back-channel logout.
    const page = await one.browser.go(`${region.idp.issuer}/session/end`);
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const confirm = await one.browser.go(`${region.idp.issuer}/session/end/confirm`, { method: 'POST', form: { xsrf, logout: 'yes' } });
    expect(confirm.status).toBeLessThan(400);
    await confirm.arrayBuffer();
    const deadline = Date.now() + 5000;
    while ((await whoAmI(one.token!)).status === 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect((await whoAmI(one.token!)).status).toBe(401);
    expect((await whoAmI(two.token!)).status).toBe(401);
    expect((await whoAmI(other.token!)).status).toBe(200);
    expect(region.logs.some(([e, f]) => e === 'sso-logout' && f.professionalId === 'p-yilmaz')).toBe(true);
  });

  it('logs sign-ins through the provider and refusals with their reason, never a code or a token', async () => {
    const r = await signInThroughProvider(region, 'org-zorgzaam', 'y.yilmaz@zorgzaam.nl');
    const events = region.logs.map(([e]) => e);
    expect(events).toContain('sso-sign-in');
    const refusals = region.logs.filter(([e]) => e === 'sso-sign-in-refused').map(([, f]) => String(f.outcome));
    for (const why of ['sso-no-account', 'email-private', 'sso-mfa-required', 'state-unknown']) expect(refusals.some((o) => o.includes(why)), why).toBe(true);
    const text = JSON.stringify(region.logs);
    expect(text).not.toContain(r.code!);
    expect(text).not.toContain(r.token!);
  });

  it('R12: an account the manager made for someone of the provider\'s organisation is activated by their first sign-in through it', async () => {
    // Thuiszorg Zorgzaam has no passwords: its account manager's session is one the provider would open.
    const session = await createSession(region.server.ctx.db, 'p-bos', region.server.ctx.now(), false);
    const manager = new HttpBackend({ baseUrl: region.server.url, tokens: memoryTokenStore(session.token) });
    const created = await manager.call('createAccount', { name: 'Nina Iemand', email: 'n.iemand@zorgzaam.nl', role: 'nurse', isCareProfessional: true });
    if (!created.ok) throw new Error(created.code);
    const used = async () => (await region.server.ctx.db.query<{ used_at: unknown }>('SELECT used_at FROM account_setup WHERE professional_id = $1', [created.value.id]))[0]!.used_at;
    expect(await used()).toBeNull();
    const r = await signInThroughProvider(region, 'org-zorgzaam', 'n.iemand@zorgzaam.nl');
    expect(r.professionalId).toBe(created.value.id);
    expect(await used()).not.toBeNull();
  });

  it('front-channel logout (Entra ID\'s kind): the provider\'s frame ends the sessions of that provider session only; a wrong issuer ends nothing', async () => {
    const one = await signInThroughProvider(region, 'org-zorgzaam', 'y.yilmaz@zorgzaam.nl');
    const two = await signInThroughProvider(region, 'org-zorgzaam', 'y.yilmaz@zorgzaam.nl', { browser: new Browser() });
    const sidOf = async (token: string) => (await region.server.ctx.db.query<{ sso_sid: string }>(
      'SELECT sso_sid FROM sessions WHERE token_hash = $1', [hashToken(token)],
    ))[0]!.sso_sid;
    const sid = await sidOf(one.token!);
    expect(sid).toBeTruthy();
    expect(await sidOf(two.token!)).not.toBe(sid);
    const logout = (query: Record<string, string>) => fetch(`${region.server.url}/api/v1/auth/oidc/frontchannel-logout?${new URLSearchParams(query)}`);

    for (const odd of ['\u0000', 'x'.repeat(300), '']) expect((await logout({ iss: region.idp.issuer, sid: odd })).status).toBe(200);
    const wrong = await logout({ iss: 'https://elders.example/', sid });
    expect(wrong.status).toBe(200);
    expect((await whoAmI(one.token!)).status).toBe(200);

    const done = await logout({ iss: region.idp.issuer, sid });
    expect(done.status).toBe(200);
    // Framed by the provider's logout page, and by no one else.
    expect(done.headers.get('content-security-policy')).toContain(`frame-ancestors ${new URL(region.idp.issuer).origin}`);
    expect(done.headers.get('x-frame-options')).toBeNull();
    expect((await whoAmI(one.token!)).status).toBe(401);
    expect((await whoAmI(two.token!)).status).toBe(200);
    // Without the issuer (Entra ID sends the sid alone) it works the same.
    expect((await logout({ sid: await sidOf(two.token!) })).status).toBe(200);
    expect((await whoAmI(two.token!)).status).toBe(401);
    expect(region.logs.some(([e, f]) => e === 'sso-logout' && f.professionalId === 'p-yilmaz' && String(f.outcome).startsWith('front-channel'))).toBe(true);
  });

  // Last of the flows: it uses up this window's starts of the test's address.
  it('a client address that starts sign-ins past the rate gets 429 rate-limited with Retry-After, and nothing is written; the next window starts afresh', async () => {
    const start = () => fetch(`${region.server.url}/api/v1/auth/oidc/org-zorgzaam/start?return=${encodeURIComponent(EXTENSION_RETURN)}`, { redirect: 'manual' });
    let refused: Response | undefined;
    for (let i = 0; i <= SSO_START_RATE.limit && !refused; i++) {
      const res = await start();
      if (res.status === 429) refused = res;
      else expect(res.status).toBe(302);
    }
    expect(refused, 'refused within the limit plus one').toBeDefined();
    expect(await refused!.json()).toMatchObject({ ok: false, code: 'rate-limited' });
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    const flows = await count('oidc_flows');
    expect((await start()).status).toBe(429);
    expect(await count('oidc_flows')).toBe(flows);
    expect(region.logs.some(([e]) => e === 'sso-start-rate-limited')).toBe(true);
    region.clock.advance(SSO_START_RATE.windowMs);
    try {
      expect((await start()).status).toBe(302);
    } finally {
      region.clock.advance(-SSO_START_RATE.windowMs);
    }
  });

  it('lists its routes in the OpenAPI document', async () => {
    const doc = await (await fetch(`${region.server.url}/api/v1/openapi.json`)).json() as { paths: Record<string, Record<string, unknown>> };
    expect(doc.paths['/api/v1/auth/oidc/{orgId}/start']?.get).toBeDefined();
    expect(doc.paths['/api/v1/auth/oidc/callback']?.get).toBeDefined();
    expect(doc.paths['/api/v1/auth/oidc/exchange']?.post).toBeDefined();
    expect(doc.paths['/api/v1/auth/oidc/backchannel-logout']?.post).toBeDefined();
    expect(doc.paths['/api/v1/auth/oidc/frontchannel-logout']?.get).toBeDefined();
  });
});
