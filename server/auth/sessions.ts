import type { RefusalCode } from '../../lib/domain';
import type { SqlRunner } from '../db';
import type { Batch } from '../db/sql-store';
import { sweepOidc } from './oidc/flows';
import { sweepThrottle } from './throttle';
import { hashToken, newToken } from './tokens';

/** A session ends after 30 minutes without use, and 12 hours after sign-in in any case. */
export const IDLE_MS = 30 * 60_000;
export const ABSOLUTE_MS = 12 * 3600_000;
/** Writing last_seen on every request would make every read a write; once a minute is precise enough. */
const TOUCH_MS = 60_000;

/** A session opened through an organisation's OpenID provider: whose, the provider's session id, its refresh token (sealed). */
export interface SsoLink { orgId: string; sid?: string; sealedRefresh?: string }

/**
 * `byLink`: opened by a one-time link from the person's mailbox (see totp-routes.ts). `sso`: opened
 * through the organisation's provider (server/auth/oidc), with the same idle and absolute limits as
 * a password's session, and checked in with the provider as it is used (oidc/check-in.ts).
 */
export async function createSession(sql: SqlRunner, professionalId: string, now: Date, restricted: boolean, byLink = false, sso?: SsoLink) {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + ABSOLUTE_MS);
  await sql.query(
    `INSERT INTO sessions (token_hash, professional_id, created_at, last_seen, expires_at, restricted, by_link, sso_org, sso_sid, sso_refresh, sso_checked_at)
     VALUES ($1, $2, $3, $3, $4, $5, $6, $7, $8, $9, CASE WHEN $7::text IS NULL THEN NULL ELSE $3::timestamptz END)`,
    [hashToken(token), professionalId, now.toISOString(), expiresAt.toISOString(), restricted, byLink, sso?.orgId ?? null, sso?.sid ?? null, sso?.sealedRefresh ?? null],
  );
  return { token, expiresAt: expiresAt.toISOString() };
}

export type SessionCheck =
  | {
    ok: true; professionalId: string; orgId: string; sessionHash: string; restricted: boolean; byLink: boolean; createdAt: Date;
    /** Opened through this organisation's provider, last checked in with it then. */
    sso?: { orgId: string; checkedAt: Date };
  }
  | { ok: false; code: Extract<RefusalCode, 'not-signed-in' | 'account-inactive'> };

export interface SessionRow {
  professional_id: string; created_at: Date | string; last_seen: Date | string; expires_at: Date | string; restricted: boolean; revoked_at: unknown;
  by_link: boolean; sso_org: string | null; sso_checked_at: Date | string | null;
}

const SESSION_COLUMNS = 'professional_id, created_at, last_seen, expires_at, restricted, revoked_at, by_link, sso_org, sso_checked_at';

/** Whether a session row is past its idle or absolute expiry at `t`. */
const expired = (row: SessionRow, t: number) => t >= new Date(row.expires_at).getTime() || t - new Date(row.last_seen).getTime() >= IDLE_MS;

/** A session's row with its person's organisation: what every check of a token reads (one statement). */
export const SESSION_SQL = `SELECT ${SESSION_COLUMNS.split(', ').map((c) => `s.${c}`).join(', ')}, p.doc->>'orgId' AS org_id
       FROM sessions s LEFT JOIN professionals p ON p.id = s.professional_id WHERE s.token_hash = $1`;

export type SessionRowWithOrg = SessionRow & { org_id: string | null };

/** What a session's row says at `t`: signed in (as whom), refused, or past its expiry (to be removed). */
export function judgeSession(row: SessionRowWithOrg | undefined, sessionHash: string, t: number): SessionCheck | 'expired' {
  if (!row || !row.org_id) return { ok: false, code: 'not-signed-in' };
  if (row.revoked_at) return { ok: false, code: 'account-inactive' };
  if (expired(row, t)) return 'expired';
  return {
    ok: true, professionalId: row.professional_id, orgId: row.org_id, sessionHash, restricted: row.restricted, byLink: row.by_link, createdAt: new Date(row.created_at),
    ...(row.sso_org ? { sso: { orgId: row.sso_org, checkedAt: new Date(row.sso_checked_at ?? row.created_at) } } : {}),
  };
}

/** Whether a request at `t` should note the session's use (at most once a minute: a write otherwise on every read). */
export const touchDue = (row: SessionRow, t: number) => t - new Date(row.last_seen).getTime() >= TOUCH_MS;

/** Notes a session's use (sliding idle expiry). */
export const touchSession = (sql: SqlRunner, sessionHash: string, now: Date) =>
  sql.query('UPDATE sessions SET last_seen = $2 WHERE token_hash = $1', [sessionHash, now.toISOString()]);

/**
 * Checks a token (sliding idle expiry, absolute expiry, revocation) and notes its use. `touch`: the
 * request was the person's doing, so it counts as activity (the badge's background look does not).
 */
export async function checkSession(sql: SqlRunner, token: string, now: Date, touch = true): Promise<SessionCheck> {
  const sessionHash = hashToken(token);
  // The organisation comes with the session (one round trip): operations read by it before the actor is loaded.
  const row = (await sql.query<SessionRowWithOrg>(SESSION_SQL, [sessionHash]))[0];
  const t = now.getTime();
  const judged = judgeSession(row, sessionHash, t);
  if (judged === 'expired') {
    await sql.query('DELETE FROM sessions WHERE token_hash = $1', [sessionHash]);
    return { ok: false, code: 'not-signed-in' };
  }
  if (judged.ok && touch && touchDue(row!, t)) await touchSession(sql, sessionHash, now);
  return judged;
}

/**
 * Whether the session behind an event ticket may still receive events: it
 * exists (not signed out), is not revoked, restricted or past its idle or
 * absolute expiry. Looking does not count as use.
 */
export async function sessionStillValid(sql: SqlRunner, sessionHash: string, now: Date): Promise<boolean> {
  const row = (await sql.query<SessionRow>(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE token_hash = $1`, [sessionHash]))[0];
  return !!row && !row.revoked_at && !row.restricted && !expired(row, now.getTime());
}

/** Ends sessions for good (sign-out, a second-factor reset): their tickets go with them. */
export async function endSessions(sql: SqlRunner, where: { sessionHash: string } | { professionalId: string }) {
  if ('sessionHash' in where) {
    await sql.query('DELETE FROM event_tickets WHERE session_hash = $1', [where.sessionHash]);
    await sql.query('DELETE FROM sessions WHERE token_hash = $1', [where.sessionHash]);
  } else {
    await sql.query('DELETE FROM event_tickets WHERE professional_id = $1', [where.professionalId]);
    await sql.query('DELETE FROM sessions WHERE professional_id = $1', [where.professionalId]);
  }
}

/**
 * R12: a deactivated account is signed out everywhere at once (its sessions then answer `account-inactive`):
 * as part of the deactivation's own statement, so it holds exactly when the deactivation is written.
 */
export function revokeSessionsWith(batch: Batch, professionalId: string, now: Date) {
  const who = batch.param(professionalId);
  batch.cte(`UPDATE sessions SET revoked_at = ${batch.param(now.toISOString())} WHERE professional_id = ${who} AND revoked_at IS NULL AND ${batch.condition} RETURNING 1`);
  batch.cte(`DELETE FROM event_tickets WHERE professional_id = ${who} AND ${batch.condition} RETURNING 1`);
}

/** Sessions and tickets past their expiry, sign-ins through a provider never finished, finished sign-in throttle runs, and idempotency answers older than a week. */
export async function sweepExpired(sql: SqlRunner, now: Date) {
  await sweepThrottle(sql, now);
  await sql.query('DELETE FROM sessions WHERE expires_at < $1 OR last_seen < $2', [
    now.toISOString(), new Date(now.getTime() - IDLE_MS).toISOString(),
  ]);
  await sql.query('DELETE FROM event_tickets WHERE expires_at < $1', [now.toISOString()]);
  await sweepOidc(sql, now);
  // The record API's systems: used assertions are kept only until they would have expired anyway.
  await sql.query('DELETE FROM fhir_tokens WHERE expires_at < $1', [now.toISOString()]);
  await sql.query('DELETE FROM fhir_assertions WHERE expires_at < $1', [now.toISOString()]);
  await sql.query('DELETE FROM idempotency WHERE created_at < $1', [new Date(now.getTime() - 7 * 24 * 3600_000).toISOString()]);
}
