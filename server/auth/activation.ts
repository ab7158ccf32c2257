import type { Professional } from '../../lib/domain';
import { failure } from '../api/status';
import { professional, setPasswordHash } from './credentials';
import { hashPassword } from './password';
import { passwordProblem } from './password-policy';
import type { Handlers } from './route-types';
import { hashToken, newToken } from './tokens';

const ACTIVATION_MS = 7 * 24 * 3600_000;

/** New accounts: the creating account manager fetches a one-time link once; the link sets the first password once. */
export const activationRoutes: Handlers<'set-password' | 'activation-link'> = (ctx) => ({
  async 'set-password'(c, input) {
    const now = ctx.now();
    const tokenHash = hashToken(input.token);
    // The memory-hard hash costs a few hundred ms and 128 MiB: only for a token that can still be used.
    const usable = await ctx.db.transaction('read', (sql) => sql.query<{ doc: Professional }>(
      `SELECT p.doc FROM account_setup s JOIN professionals p ON p.id = s.professional_id
       WHERE s.token_hash = $1 AND s.used_at IS NULL AND s.token_expires_at > $2`, [tokenHash, now.toISOString()],
    ));
    if (usable.length === 0) return failure(c, 'not-found', { detail: 'activation-token' });
    const person = usable[0]!.doc;
    const problem = passwordProblem(input.password, [person.name, person.email]);
    if (problem) return failure(c, 'invalid-input', { issues: [{ path: ['password'], message: problem }] });
    const hash = await hashPassword(input.password);
    const done = await ctx.db.transaction('write', async (sql) => {
      const row = (await sql.query<{ professional_id: string; token_expires_at: Date | string }>(
        'SELECT professional_id, token_expires_at FROM account_setup WHERE token_hash = $1 AND used_at IS NULL FOR UPDATE', [tokenHash],
      ))[0];
      if (!row || new Date(row.token_expires_at).getTime() <= now.getTime()) return 'not-found' as const;
      const person = (await sql.query<{ doc: Professional }>('SELECT doc FROM professionals WHERE id = $1', [row.professional_id]))[0]?.doc;
      if (!person?.active) return 'account-inactive' as const;
      await sql.query('UPDATE account_setup SET used_at = $2, token_hash = NULL WHERE professional_id = $1', [row.professional_id, now.toISOString()]);
      await setPasswordHash(sql, row.professional_id, hash, now);
      return { professionalId: row.professional_id };
    });
    if (done === 'not-found') return failure(c, 'not-found', { detail: 'activation-token' });
    if (done === 'account-inactive') return failure(c, 'account-inactive');
    return done;
  },

  async 'activation-link'(c, input, session) {
    const me = await professional(ctx, session!.professionalId);
    if (!me?.isAccountManager) return failure(c, 'account-manager-only');
    const now = ctx.now();
    const token = newToken();
    const expiresAt = new Date(now.getTime() + ACTIVATION_MS).toISOString();
    const outcome = await ctx.db.transaction('write', async (sql) => {
      const row = (await sql.query<{ link_issued_at: unknown }>(
        'SELECT link_issued_at FROM account_setup WHERE professional_id = $1 AND created_by = $2 FOR UPDATE', [input.professionalId, me.id],
      ))[0];
      if (!row) return 'not-found' as const;
      if (row.link_issued_at) return 'conflict' as const;
      await sql.query('UPDATE account_setup SET link_issued_at = $2, token_hash = $3, token_expires_at = $4 WHERE professional_id = $1', [
        input.professionalId, now.toISOString(), hashToken(token), expiresAt,
      ]);
      return 'issued' as const;
    });
    if (outcome === 'not-found') return failure(c, 'not-found');
    if (outcome === 'conflict') return failure(c, 'conflict', { detail: 'link-already-issued' });
    // The token travels in the fragment: browsers do not send it to the server or in a Referer.
    return { activationUrl: `${ctx.config.publicUrl}/activate#token=${token}`, expiresAt };
  },
});
