import type { Context, Hono } from 'hono';
import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTPayload } from 'jose';
import type { ServerContext } from '../../context';
import { closeStreams } from '../admin-audit';
import { securityLog } from '../security-log';
import { endSessions } from '../sessions';
import { SSO_ROUTES } from '../../../lib/contract/wire';
import { providerConfig } from './client';
import type { OidcOrg } from './config';

const LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
/** A logout token older than this is refused (the spec leaves the window to the receiver). */
const MAX_AGE = '5m';
/** The provider's clock and this server's may differ a little. */
const CLOCK_TOLERANCE_SECONDS = 60;
const MAX_LENGTH = 16 * 1024;

/** The provider's keys, per organisation, fetched from its jwks_uri and kept (jose refetches on an unknown key id). */
const keySets = new WeakMap<OidcOrg, ReturnType<typeof createRemoteJWKSet>>();
async function keysOf(org: OidcOrg) {
  let keys = keySets.get(org);
  if (!keys) {
    const jwksUri = (await providerConfig(org)).serverMetadata().jwks_uri;
    if (!jwksUri) throw new Error('the provider publishes no jwks_uri');
    keys = createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: 10_000 });
    keySets.set(org, keys);
  }
  return keys;
}

/**
 * OpenID Connect Back-Channel Logout 1.0, section 2.6: signed by the provider (its JWKS), for this
 * client (aud), issued just now (iat), with the logout event, a `sub` or a `sid`, and no `nonce`
 * (which would make it usable as an ID token). The signature and the registered claims are checked
 * by jose; undefined when it is not such a token for this organisation.
 */
async function verifiedLogout(org: OidcOrg, token: string, now: Date): Promise<JWTPayload | undefined> {
  try {
    const { payload } = await jwtVerify(token, await keysOf(org), {
      issuer: org.issuer, audience: org.clientId, maxTokenAge: MAX_AGE, clockTolerance: CLOCK_TOLERANCE_SECONDS, currentDate: now, requiredClaims: ['iat', 'jti', 'events'],
    });
    const events = payload.events as Record<string, unknown> | undefined;
    const event = events && typeof events === 'object' ? events[LOGOUT_EVENT] : undefined;
    if (!event || typeof event !== 'object' || 'nonce' in payload) return undefined;
    if (typeof payload.sub !== 'string' && typeof payload.sid !== 'string') return undefined;
    return payload;
  } catch {
    return undefined;
  }
}

/** The people a logout token names: the one its subject is linked to, and whoever holds a session of its provider session. */
async function peopleOf(ctx: ServerContext, org: OidcOrg, payload: JWTPayload): Promise<string[]> {
  const people = new Set<string>();
  if (typeof payload.sub === 'string') {
    const rows = await ctx.db.query<{ professional_id: string }>(
      'SELECT professional_id FROM oidc_identities WHERE issuer = $1 AND subject = $2', [org.issuer, payload.sub],
    );
    for (const r of rows) people.add(r.professional_id);
  }
  if (typeof payload.sid === 'string') {
    const rows = await ctx.db.query<{ professional_id: string }>(
      'SELECT DISTINCT professional_id FROM sessions WHERE sso_org = $1 AND sso_sid = $2', [org.orgId, payload.sid],
    );
    for (const r of rows) people.add(r.professional_id);
  }
  return [...people];
}

/**
 * `POST /api/v1/auth/oidc/backchannel-logout`: the provider says a person signed out there (or was
 * signed out by their IT). Every session of that person here ends, with their live streams. The
 * answer is the spec's: 200 when done (also when nobody was signed in), 400 for a token that is not
 * a valid logout token.
 */
export function backchannelLogoutRoute(app: Hono, ctx: ServerContext) {
  app.post(SSO_ROUTES['backchannel-logout'].path, async (c: Context) => {
    const refused = (outcome: string) => {
      securityLog(ctx, 'sso-logout-refused', { outcome });
      return c.json({ error: 'invalid_request' }, 400, { 'Cache-Control': 'no-store' });
    };
    const form = await c.req.parseBody().catch(() => ({} as Record<string, unknown>));
    const token = form.logout_token;
    if (typeof token !== 'string' || token.length > MAX_LENGTH) return refused('no-logout-token');
    let claims: JWTPayload;
    try {
      claims = decodeJwt(token);
    } catch {
      return refused('not-a-jwt');
    }
    // Which organisation's provider it claims to be from; the signature then decides whether it is.
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    const candidates = Object.values(ctx.config.oidc ?? {}).filter((o) => o.issuer === claims.iss && audiences.includes(o.clientId));
    const now = ctx.now();
    for (const org of candidates) {
      const payload = await verifiedLogout(org, token, now).catch(() => undefined);
      if (!payload) continue;
      const people = await peopleOf(ctx, org, payload);
      await ctx.db.transaction('write', async (sql) => {
        for (const professionalId of people) await endSessions(sql, { professionalId });
        await closeStreams(sql, people);
      });
      for (const professionalId of people) securityLog(ctx, 'sso-logout', { professionalId, outcome: 'sessions-ended' });
      if (!people.length) securityLog(ctx, 'sso-logout', { outcome: 'nobody-signed-in' });
      return c.body(null, 200, { 'Cache-Control': 'no-store' });
    }
    return refused(candidates.length ? 'invalid-token' : 'unknown-provider');
  });
}
