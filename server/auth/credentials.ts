import type { Professional } from '../../lib/domain';
import type { ServerContext } from '../context';
import type { SqlRunner } from '../db';

export interface Credentials {
  password_hash: string | null;
  /** Encrypted (totp-secrets.ts), as is the pending one. */
  totp_secret: string | null;
  totp_pending: string | null;
  totp_pending_session: string | null;
  totp_last_step: string | number | null;
}

export async function credentials(sql: SqlRunner, id: string): Promise<Credentials | undefined> {
  return (await sql.query<Credentials>(
    'SELECT password_hash, totp_secret, totp_pending, totp_pending_session, totp_last_step FROM credentials WHERE professional_id = $1', [id],
  ))[0];
}

export async function professional(ctx: ServerContext, id: string): Promise<Professional | undefined> {
  return ctx.store.transaction('read', (tx) => tx.get('professionals', id));
}

export async function requiresTotp(sql: SqlRunner, orgId: string): Promise<boolean> {
  return (await signInPolicy(sql, orgId)).requireTotp;
}

/** The organisation's sign-in policy: whether a second factor is required, and since when. */
export async function signInPolicy(sql: SqlRunner, orgId: string): Promise<{ requireTotp: boolean; since?: Date }> {
  const row = (await sql.query<{ require_totp: boolean; require_totp_since: Date | string | null }>(
    'SELECT require_totp, require_totp_since FROM org_settings WHERE org_id = $1', [orgId],
  ))[0];
  return { requireTotp: !!row?.require_totp, since: row?.require_totp_since ? new Date(row.require_totp_since) : undefined };
}

/** Sets (or replaces) a password; used by set-password and by the demo seed. */
export async function setPasswordHash(sql: SqlRunner, professionalId: string, hash: string, now: Date) {
  await sql.query(
    `INSERT INTO credentials (professional_id, password_hash, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (professional_id) DO UPDATE SET password_hash = EXCLUDED.password_hash, updated_at = EXCLUDED.updated_at`,
    [professionalId, hash, now.toISOString()],
  );
}
