import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import type { SystemClient } from '../../lib/domain';
import type { ServerContext } from '../context';
import { hashToken, newToken } from '../auth/tokens';

export const FHIR_BASE = '/fhir/r4';
export const TOKEN_PATH = `${FHIR_BASE}/auth/token`;
export const SMART_CONFIGURATION_PATH = `${FHIR_BASE}/.well-known/smart-configuration`;
/** An access token's life: short, as SMART Backend Services advises; a system asks again with a new assertion. */
export const SYSTEM_TOKEN_SECONDS = 300;
/** A client assertion may be valid for at most this long (SMART: five minutes). */
const ASSERTION_MAX_SECONDS = 300;
export const ALGORITHMS = ['RS384', 'ES384', 'RS256', 'ES256', 'PS384'];
/** The longest client assertion taken. */
export const ASSERTION_MAX_LENGTH = 8192;
/**
 * A token request's body at most: an assertion of at most ASSERTION_MAX_LENGTH characters and a few short fields. The
 * server's body limit covers /api/ only; without this one a form of any size was read whole into memory.
 */
export const TOKEN_BODY_LIMIT = 16 * 1024;
export const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** The scopes the SMART configuration lists: every type's read and search, or one type's. */
export const SCOPES_SUPPORTED = ['system/*.rs', 'system/Patient.rs', 'system/Communication.rs', 'system/Consent.rs', 'system/CareTeam.rs', 'system/Task.rs', 'system/AuditEvent.rs'];

type OAuthError = 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'invalid_scope' | 'unsupported_grant_type';
const oauthError = (c: Context, error: OAuthError, description: string, status: 400 | 401 | 413 = 400) =>
  c.json({ error, error_description: description }, status, { 'Cache-Control': 'no-store' });

/** The scopes asked for that the registration allows ("system/*.rs" allows every type's read and search). */
function granted(asked: string[], allowed: readonly string[]): string[] {
  const covers = (allow: string, scope: string) => {
    const [at, aa] = allow.slice('system/'.length).split('.');
    const [st, sa] = scope.slice('system/'.length).split('.');
    const actions = (x: string) => (x === 'read' ? 'rs' : x);
    return scope.startsWith('system/') && (at === '*' || at === st) && [...actions(sa ?? '')].every((l) => actions(aa ?? '').includes(l));
  };
  return asked.filter((s) => allowed.some((a) => covers(a, s)));
}

/**
 * SMART Backend Services: `POST /fhir/r4/auth/token` with the client credentials grant and a client
 * assertion (`private_key_jwt`) signed with the key the organisation registered. Checked by `jose`:
 * signature, issuer and subject (the client id), audience (this endpoint), expiry within five minutes,
 * and a `jti` used once.
 */
export function smartRoutes(app: Hono, ctx: ServerContext) {
  const clients = ctx.config.fhirClients ?? {};
  const tokenUrls = (c: Context) => [...new Set([`${ctx.config.publicUrl}${TOKEN_PATH}`, new URL(TOKEN_PATH, c.req.url).href])];

  app.get(SMART_CONFIGURATION_PATH, (c) => c.json({
    token_endpoint: `${ctx.config.publicUrl}${TOKEN_PATH}`,
    grant_types_supported: ['client_credentials'],
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: ALGORITHMS,
    scopes_supported: SCOPES_SUPPORTED,
    capabilities: ['client-confidential-asymmetric'],
  }));

  const tooLarge = (c: Context) => {
    // The rest of the body is not read: the connection cannot carry another request.
    c.header('Connection', 'close');
    return oauthError(c, 'invalid_request', `a token request takes no more than ${TOKEN_BODY_LIMIT} bytes`, 413);
  };
  app.post(TOKEN_PATH, bodyLimit({ maxSize: TOKEN_BODY_LIMIT, onError: tooLarge }), async (c) => {
    const form = await c.req.parseBody().catch(() => ({} as Record<string, unknown>));
    const field = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : undefined);
    if (field('grant_type') !== 'client_credentials') return oauthError(c, 'unsupported_grant_type', 'grant_type must be client_credentials');
    const assertion = field('client_assertion');
    if (field('client_assertion_type') !== ASSERTION_TYPE || !assertion || assertion.length > ASSERTION_MAX_LENGTH) {
      return oauthError(c, 'invalid_request', `a client_assertion of type ${ASSERTION_TYPE} is required`);
    }
    let clientId: string;
    try {
      clientId = String(decodeJwt(assertion).iss ?? '');
    } catch {
      return oauthError(c, 'invalid_client', 'the client assertion is not a JWT', 401);
    }
    const registration = Object.hasOwn(clients, clientId) ? clients[clientId] : undefined;
    if (!registration) return oauthError(c, 'invalid_client', 'unknown client', 401);
    const now = ctx.now();
    let payload;
    try {
      ({ payload } = await jwtVerify(assertion, createLocalJWKSet(registration.jwks as never), {
        issuer: clientId, subject: clientId, audience: tokenUrls(c), algorithms: ALGORITHMS, currentDate: now, requiredClaims: ['exp', 'jti'],
      }));
    } catch {
      return oauthError(c, 'invalid_client', 'the client assertion is not valid for this server', 401);
    }
    const exp = payload.exp!;
    if (exp - now.getTime() / 1000 > ASSERTION_MAX_SECONDS) return oauthError(c, 'invalid_client', 'the client assertion must expire within five minutes', 401);
    const jti = String(payload.jti).slice(0, 200);
    const fresh = await ctx.db.query(
      'INSERT INTO fhir_assertions (client_id, jti, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1',
      [clientId, jti, new Date(exp * 1000).toISOString()],
    );
    if (!fresh.length) return oauthError(c, 'invalid_client', 'this client assertion was used already', 401);

    const asked = (field('scope') ?? '').split(/\s+/).filter(Boolean);
    const scopes = granted(asked.length ? asked : registration.scopes.slice(), registration.scopes);
    if (!scopes.length) return oauthError(c, 'invalid_scope', 'none of the scopes asked for is registered for this client');
    const token = newToken();
    await ctx.db.query('INSERT INTO fhir_tokens (token_hash, client_id, org_id, scopes, expires_at) VALUES ($1, $2, $3, $4, $5)', [
      hashToken(token), clientId, registration.orgId, scopes.join(' '), new Date(now.getTime() + SYSTEM_TOKEN_SECONDS * 1000).toISOString(),
    ]);
    ctx.log('fhir-token', { client: clientId, org: registration.orgId, scopes: scopes.join(' ') });
    return c.json({ access_token: token, token_type: 'bearer', expires_in: SYSTEM_TOKEN_SECONDS, scope: scopes.join(' ') }, 200, { 'Cache-Control': 'no-store' });
  });
}

/** The system a record API token was given to, while it is valid; undefined for any other token. */
export async function systemOf(ctx: ServerContext, token: string): Promise<SystemClient | undefined> {
  const row = (await ctx.db.query<{ client_id: string; org_id: string; scopes: string; expires_at: string | Date }>(
    'SELECT client_id, org_id, scopes, expires_at FROM fhir_tokens WHERE token_hash = $1', [hashToken(token)],
  ))[0];
  if (!row || new Date(row.expires_at).getTime() <= ctx.now().getTime()) return undefined;
  // A registration removed from the configuration ends its tokens at once.
  if (!ctx.config.fhirClients?.[row.client_id]) return undefined;
  return { id: row.client_id, orgId: row.org_id, scopes: row.scopes.split(' ') };
}
