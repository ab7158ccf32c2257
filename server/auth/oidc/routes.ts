import type { Context, Hono } from 'hono';
import * as oidc from 'openid-client';
import { SSO_CODE_PARAM, SSO_ERROR_PARAM, SSO_ROUTES } from '../../../lib/contract/wire';
import type { RefusalCode } from '../../../lib/domain';
import { failure } from '../../api/status';
import type { ServerContext } from '../../context';
import { clientIp } from '../client-ip';
import { professional } from '../credentials';
import type { Handlers } from '../route-types';
import { securityLog } from '../security-log';
import { createSession } from '../sessions';
import { backchannelLogoutRoute } from './backchannel-logout';
import { frontchannelLogoutRoute } from './frontchannel-logout';
import { callbackUrl, providerConfig } from './client';
import { oidcOrg } from './config';
import { issueCode, saveFlow, takeCode, takeFlow } from './flows';
import { matchAccount } from './match';
import { keepOpener, popupReturnRoutes } from './popup-return';
import { returnAllowed } from './return-url';
import { withinRate } from '../throttle';

/**
 * Starts per client address: each writes a flow row kept ten minutes, and no one signs in this often.
 * Generous enough for a practice behind one address (every colleague signing in at nine o'clock).
 */
export const SSO_START_RATE = { limit: 60, windowMs: 10 * 60_000 };

/** The flow's `return` with one parameter added: the one-time code, or why there is none. */
function back(c: Context, returnUrl: string, param: typeof SSO_CODE_PARAM | typeof SSO_ERROR_PARAM, value: string) {
  const url = new URL(returnUrl);
  url.searchParams.set(param, value);
  c.header('Referrer-Policy', 'no-referrer');
  keepOpener(c);
  return c.redirect(url.href, 302);
}

/** What went wrong in the library's words (an error code, never a token or a claim's value), for the security log. */
const reason = (e: unknown) => {
  const x = e as { code?: string; error?: string };
  return String(x.error ?? x.code ?? 'failed').slice(0, 80);
};

/**
 * `GET …/oidc/{orgId}/start` and `GET …/oidc/callback`: the authorisation code flow with PKCE (S256),
 * `state` and `nonce`, through openid-client, which checks the provider's answer and its ID token
 * (signature against the provider's keys, issuer, audience, expiry, nonce). The flow's secrets stay
 * in the database; the browser carries only the state. The callback hands `return` a one-time code,
 * never a token: the token is fetched with it by POST (`oidc/exchange`), so it never stands in a URL.
 */
export function oidcRoutes(app: Hono, ctx: ServerContext) {
  const ip = (c: Context) => clientIp(c, ctx.config.trustProxy);

  // Names only (the region's organisations are in its directory anyway), no provider settings.
  app.get(SSO_ROUTES.organisations.path, async (c) => {
    const ids = Object.keys(ctx.config.oidc ?? {});
    const known = ids.length ? await ctx.store.transaction('read', (tx) => tx.all('organisations')) : [];
    const organisations = known.filter((o) => ids.includes(o.id)).map((o) => ({ orgId: o.id, name: o.name }));
    c.header('Cache-Control', 'no-store');
    return c.json({ organisations });
  });

  app.get(SSO_ROUTES.start.path.replace('{orgId}', ':orgId'), async (c) => {
    const org = oidcOrg(ctx.config.oidc, c.req.param('orgId') ?? '');
    if (!org) return failure(c, 'not-found');
    const returns = c.req.queries('return') ?? [];
    if (returns.length !== 1 || !returnAllowed(returns[0]!, ctx.config.publicUrl, ctx.config.ssoExtensionIds)) return failure(c, 'return-not-allowed');
    const within = await withinRate(ctx.db, `sso-start:${ip(c)}`, SSO_START_RATE, ctx.now().getTime());
    if (!within.ok) {
      securityLog(ctx, 'sso-start-rate-limited', { ip: ip(c), outcome: 'rate-limited' });
      c.header('Retry-After', String(within.retryAfter));
      return failure(c, 'rate-limited');
    }
    let config: oidc.Configuration;
    try {
      config = await providerConfig(org);
    } catch (e) {
      ctx.log('sso-discovery-failed', { org: org.orgId, reason: reason(e) });
      return failure(c, 'unavailable', { detail: 'provider' });
    }
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const verifier = oidc.randomPKCECodeVerifier();
    await saveFlow(ctx, state, { orgId: org.orgId, verifier, nonce, returnUrl: returns[0]! });
    keepOpener(c);
    const to = oidc.buildAuthorizationUrl(config, {
      redirect_uri: callbackUrl(ctx.config.publicUrl), scope: org.scopes.join(' '), state, nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
    });
    return c.redirect(to.href, 302);
  });

  app.get(SSO_ROUTES.callback.path, async (c) => {
    const query = new URL(c.req.url).search;
    const state = new URLSearchParams(query).get('state');
    const flow = state && state.length <= 200 ? await takeFlow(ctx, state) : undefined;
    if (!flow) {
      securityLog(ctx, 'sso-sign-in-refused', { ip: ip(c), outcome: 'state-unknown' });
      return failure(c, 'sso-failed', { detail: 'state' });
    }
    const org = oidcOrg(ctx.config.oidc, flow.orgId);
    const refuse = (code: RefusalCode, outcome: string = code) => {
      securityLog(ctx, 'sso-sign-in-refused', { ip: ip(c), outcome: `${flow.orgId}: ${outcome}` });
      return back(c, flow.returnUrl, SSO_ERROR_PARAM, code);
    };
    if (!org) return refuse('sso-failed', 'organisation-not-configured');
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      // The URL the provider sent the browser to, as registered (behind a proxy the request's own URL may differ).
      tokens = await oidc.authorizationCodeGrant(await providerConfig(org), new URL(callbackUrl(ctx.config.publicUrl) + query), {
        pkceCodeVerifier: flow.verifier, expectedState: state!, expectedNonce: flow.nonce, idTokenExpected: true,
      });
    } catch (e) {
      return refuse('sso-failed', reason(e));
    }
    const claims = tokens.claims()!;
    const match = await matchAccount(ctx, org, claims);
    if (!match.ok) return refuse(match.code, match.detail);
    const code = await issueCode(ctx, {
      professionalId: match.person.id, orgId: org.orgId, sid: typeof claims.sid === 'string' ? claims.sid : undefined, refreshToken: tokens.refresh_token,
    });
    securityLog(ctx, 'sso-sign-in', { ip: ip(c), professionalId: match.person.id, outcome: 'code-issued' });
    return back(c, flow.returnUrl, SSO_CODE_PARAM, code);
  });

  backchannelLogoutRoute(app, ctx);
  frontchannelLogoutRoute(app, ctx);
  popupReturnRoutes(app);
}

/** `POST /api/v1/auth/oidc/exchange`: the one-time code for a session, the same answer as a password sign-in's. */
export const oidcExchangeRoutes: Handlers<'oidc/exchange'> = (ctx) => ({
  async 'oidc/exchange'(c, input) {
    const now = ctx.now();
    const ip = clientIp(c, ctx.config.trustProxy);
    const grant = await takeCode(ctx.db, input[SSO_CODE_PARAM], now);
    if (!grant) {
      securityLog(ctx, 'sso-sign-in-refused', { ip, outcome: 'code-unknown' });
      return failure(c, 'not-signed-in', { detail: 'sso-code' });
    }
    // Deactivated in the minute since the callback (R12): no session.
    const person = await professional(ctx, grant.professionalId);
    if (!person?.active) {
      securityLog(ctx, 'sso-sign-in-refused', { ip, professionalId: grant.professionalId, outcome: 'account-inactive' });
      return failure(c, 'account-inactive');
    }
    const session = await ctx.db.transaction('write', async (sql) => {
      // The first sign-in through the provider is what activates an invitation of an organisation without passwords.
      await sql.query('UPDATE account_setup SET used_at = $2, token_hash = NULL WHERE professional_id = $1 AND used_at IS NULL', [person.id, now.toISOString()]);
      return createSession(sql, person.id, now, false, false, { orgId: grant.orgId, sid: grant.sid, sealedRefresh: grant.sealedRefresh });
    });
    securityLog(ctx, 'sso-sign-in', { ip, professionalId: person.id, outcome: 'success' });
    return { ...session, professionalId: person.id, totpEnrolmentRequired: false };
  },
});
