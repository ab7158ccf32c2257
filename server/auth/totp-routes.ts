import { failure } from '../api/status';
import { credentials, professional } from './credentials';
import type { Handlers } from './route-types';
import { newTotpSecret, otpauthUri, verifyTotp } from './totp';

const ISSUER = 'Netwerkzorg';

/** Enrolling a second factor (TOTP): a new secret, then a code from it to confirm. */
export const totpRoutes: Handlers<'totp/enrol' | 'totp/confirm'> = (ctx) => ({
  async 'totp/enrol'(c, _input, session) {
    const me = await professional(ctx, session!.professionalId);
    if (!me) return failure(c, 'not-signed-in');
    const creds = await credentials(ctx.db, me.id);
    if (creds?.totp_secret) return failure(c, 'conflict', { detail: 'totp-enabled' });
    const secret = newTotpSecret();
    await ctx.db.query('UPDATE credentials SET totp_pending = $2, updated_at = $3 WHERE professional_id = $1', [me.id, secret, ctx.now().toISOString()]);
    return { secret, otpauthUri: otpauthUri(ISSUER, me.email, secret) };
  },

  async 'totp/confirm'(c, input, session) {
    const id = session!.professionalId;
    const creds = await credentials(ctx.db, id);
    const step = creds?.totp_pending ? verifyTotp(creds.totp_pending, input.code, ctx.now()) : undefined;
    if (!creds?.totp_pending || step === undefined) return failure(c, 'invalid-input', { issues: [{ path: ['code'], message: 'totp' }] });
    await ctx.db.transaction('write', async (sql) => {
      await sql.query(
        'UPDATE credentials SET totp_secret = totp_pending, totp_pending = NULL, totp_last_step = $2, updated_at = $3 WHERE professional_id = $1',
        [id, step, ctx.now().toISOString()],
      );
      await sql.query('UPDATE sessions SET restricted = false WHERE professional_id = $1', [id]);
    });
    return { enabled: true as const };
  },
});
