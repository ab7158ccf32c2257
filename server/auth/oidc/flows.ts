import type { ServerContext } from '../../context';
import type { SqlRunner } from '../../db';
import { open, seal } from '../secret-box';
import { hashToken, newToken } from '../tokens';

/** From start to callback: long enough to sign in at the provider, short enough that a forgotten tab does not matter. */
export const FLOW_MS = 10 * 60_000;
/** The one-time code the extension or the widget exchanges for its session. */
export const CODE_MS = 60_000;

const FLOW_PURPOSE = 'oidc flows';
export const REFRESH_PURPOSE = 'oidc refresh tokens';

export interface Flow { orgId: string; verifier: string; nonce: string; returnUrl: string }

/** Keeps a started sign-in server side; the state is only stored as its hash. */
export async function saveFlow(ctx: ServerContext, state: string, flow: Flow) {
  const stateHash = hashToken(state);
  const secrets = seal(ctx.config.totpKey, JSON.stringify({ verifier: flow.verifier, nonce: flow.nonce }), stateHash, FLOW_PURPOSE);
  await ctx.db.query('INSERT INTO oidc_flows (state_hash, org_id, secrets, return_url, expires_at) VALUES ($1, $2, $3, $4, $5)', [
    stateHash, flow.orgId, secrets, flow.returnUrl, new Date(ctx.now().getTime() + FLOW_MS).toISOString(),
  ]);
}

/** The flow of this state, removed as it is read: a callback runs once per flow, however often it is replayed. */
export async function takeFlow(ctx: ServerContext, state: string): Promise<Flow | undefined> {
  const stateHash = hashToken(state);
  const row = (await ctx.db.query<{ org_id: string; secrets: string; return_url: string; expires_at: Date | string }>(
    'DELETE FROM oidc_flows WHERE state_hash = $1 RETURNING org_id, secrets, return_url, expires_at', [stateHash],
  ))[0];
  if (!row || new Date(row.expires_at).getTime() <= ctx.now().getTime()) return undefined;
  const secrets = open(ctx.config.totpKey, row.secrets, stateHash, FLOW_PURPOSE);
  if (!secrets) return undefined;
  const { verifier, nonce } = JSON.parse(secrets) as { verifier: string; nonce: string };
  return { orgId: row.org_id, verifier, nonce, returnUrl: row.return_url };
}

export interface Grant { professionalId: string; orgId: string; sid?: string; refreshToken?: string }

/** The one-time code for a matched sign-in; the provider's refresh token waits with it, sealed to the person. */
export async function issueCode(ctx: ServerContext, grant: Grant): Promise<string> {
  const code = newToken();
  const refresh = grant.refreshToken ? seal(ctx.config.totpKey, grant.refreshToken, grant.professionalId, REFRESH_PURPOSE) : null;
  await ctx.db.query('INSERT INTO oidc_codes (code_hash, professional_id, org_id, sid, refresh_token, expires_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    hashToken(code), grant.professionalId, grant.orgId, grant.sid ?? null, refresh, new Date(ctx.now().getTime() + CODE_MS).toISOString(),
  ]);
  return code;
}

/** The code's sign-in, removed as it is read (used once, even by two exchanges at the same moment); undefined once expired. */
export async function takeCode(sql: SqlRunner, code: string, now: Date) {
  const row = (await sql.query<{ professional_id: string; org_id: string; sid: string | null; refresh_token: string | null; expires_at: Date | string }>(
    'DELETE FROM oidc_codes WHERE code_hash = $1 RETURNING professional_id, org_id, sid, refresh_token, expires_at', [hashToken(code)],
  ))[0];
  if (!row || new Date(row.expires_at).getTime() <= now.getTime()) return undefined;
  return { professionalId: row.professional_id, orgId: row.org_id, sid: row.sid ?? undefined, sealedRefresh: row.refresh_token ?? undefined };
}

/** Flows and codes past their time (the ten-minute sweep). */
export async function sweepOidc(sql: SqlRunner, now: Date) {
  await sql.query('DELETE FROM oidc_flows WHERE expires_at < $1', [now.toISOString()]);
  await sql.query('DELETE FROM oidc_codes WHERE expires_at < $1', [now.toISOString()]);
}
