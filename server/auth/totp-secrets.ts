import type { ServerContext } from '../context';
import type { SqlRunner } from '../db';
import { isSealed, open, seal } from './secret-box';

/** A TOTP secret as stored: encrypted with the server key, bound to its owner. */
export const sealSecret = (ctx: ServerContext, professionalId: string, secret: string) => seal(ctx.config.totpKey, secret, `totp:${professionalId}`);

/** The secret, or undefined when it does not open with this server's key (then no code can match). */
export const openSecret = (ctx: ServerContext, professionalId: string, stored: string) => open(ctx.config.totpKey, stored, `totp:${professionalId}`);

/** Secrets stored in clear before encryption at rest: encrypted at start, once. */
export async function sealLegacySecrets(ctx: ServerContext, sql: SqlRunner) {
  const rows = await sql.query<{ professional_id: string; totp_secret: string | null; totp_pending: string | null }>(
    'SELECT professional_id, totp_secret, totp_pending FROM credentials WHERE totp_secret IS NOT NULL OR totp_pending IS NOT NULL',
  );
  for (const r of rows) {
    const secret = r.totp_secret && !isSealed(r.totp_secret) ? sealSecret(ctx, r.professional_id, r.totp_secret) : r.totp_secret;
    const pending = r.totp_pending && !isSealed(r.totp_pending) ? sealSecret(ctx, r.professional_id, r.totp_pending) : r.totp_pending;
    if (secret === r.totp_secret && pending === r.totp_pending) continue;
    await sql.query('UPDATE credentials SET totp_secret = $2, totp_pending = $3 WHERE professional_id = $1 AND totp_secret IS NOT DISTINCT FROM $4 AND totp_pending IS NOT DISTINCT FROM $5', [
      r.professional_id, secret, pending, r.totp_secret, r.totp_pending,
    ]);
  }
}
