import * as oidc from 'openid-client';
import type { ServerContext } from '../../context';
import { closeStreams } from '../admin-audit';
import { securityLog } from '../security-log';
import { endSessions, type SessionCheck } from '../sessions';
import { providerConfig } from './client';
import { oidcOrg } from './config';
import { REFRESH_PURPOSE } from './flows';
import { open, seal } from '../secret-box';

type Signed = Extract<SessionCheck, { ok: true }>;

/** A refusal by the provider's token endpoint (the grant is no longer good), as opposed to the provider being unreachable. */
const refusedByProvider = (e: unknown) => e instanceof oidc.ResponseBodyError && e.status >= 400 && e.status < 500;

/**
 * Deprovisioning at the provider: a session opened through it checks in, when it is used and its last
 * check-in is older than the organisation's `checkInMinutes`, by asking the provider for new tokens
 * with its refresh token. A person removed or disabled there (the grant refused) is signed out here
 * then; an organisation no longer configured ends its sessions at once. An unreachable provider ends
 * nothing (it is tried again at the next interval). Of requests arriving together only one checks in:
 * the check-in is claimed by a conditional update, so a rotated refresh token is never used twice.
 * Answers whether the session is still good.
 */
/** Whether a session of this organisation's provider, last checked in at `checkedAt`, needs no check-in at `now`. */
export function checkedInRecently(ctx: ServerContext, orgId: string, checkedAt: Date, now: Date): boolean {
  const org = oidcOrg(ctx.config.oidc, orgId);
  return !!org && checkedAt.getTime() > now.getTime() - org.checkInMinutes * 60_000;
}

export async function checkIn(ctx: ServerContext, s: Signed): Promise<boolean> {
  if (!s.sso) return true;
  const org = oidcOrg(ctx.config.oidc, s.sso.orgId);
  const now = ctx.now();
  const end = async (outcome: string) => {
    await ctx.db.transaction('write', async (sql) => {
      await endSessions(sql, { sessionHash: s.sessionHash });
      await closeStreams(sql, [s.professionalId]);
    });
    securityLog(ctx, 'sso-check-in-refused', { professionalId: s.professionalId, outcome });
    return false;
  };
  if (!org) return end('organisation-not-configured');
  const due = new Date(now.getTime() - org.checkInMinutes * 60_000);
  if (s.sso.checkedAt > due) return true;
  const claimed = (await ctx.db.query<{ sso_refresh: string | null }>(
    'UPDATE sessions SET sso_checked_at = $2 WHERE token_hash = $1 AND sso_checked_at <= $3 RETURNING sso_refresh',
    [s.sessionHash, now.toISOString(), due.toISOString()],
  ))[0];
  if (!claimed) return true; // another request is checking in, or just did
  // Without a refresh token (the provider gave none: no offline_access) there is nothing to check with; the session keeps its usual limits.
  const refresh = claimed.sso_refresh ? open(ctx.config.totpKey, claimed.sso_refresh, s.professionalId, REFRESH_PURPOSE) : undefined;
  if (!refresh) return true;
  try {
    const tokens = await oidc.refreshTokenGrant(await providerConfig(org), refresh);
    if (tokens.refresh_token && tokens.refresh_token !== refresh) {
      await ctx.db.query('UPDATE sessions SET sso_refresh = $2 WHERE token_hash = $1', [
        s.sessionHash, seal(ctx.config.totpKey, tokens.refresh_token, s.professionalId, REFRESH_PURPOSE),
      ]);
    }
    return true;
  } catch (e) {
    if (refusedByProvider(e)) return end((e as oidc.ResponseBodyError).error);
    securityLog(ctx, 'sso-check-in-failed', { professionalId: s.professionalId, outcome: (e as { code?: string }).code ?? 'unreachable' });
    return true;
  }
}
