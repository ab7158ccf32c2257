import { failure } from '../api/status';
import { clientIp } from './client-ip';
import { credentials, requiresTotp } from './credentials';
import { dummyHash, verifyPassword } from './password';
import type { Handlers } from './route-types';
import { createSession } from './sessions';
import { securityLog } from './security-log';
import { hashToken } from './tokens';
import { verifyTotp } from './totp';

/** Sign-in (throttled per account and per address, the same answer whether or not the account exists) and sign-out. */
export const signInRoutes: Handlers<'sign-in' | 'sign-out'> = (ctx) => ({
  async 'sign-in'(c, input) {
    const ip = clientIp(c, ctx.config.trustProxy);
    const who = { email: input.email, ip };
    // Counted before the slow hash: an attempt that is let through has already used up its place.
    const reserved = await ctx.signInThrottle.reserve(input.email, ip);
    if (!reserved.ok) {
      securityLog(ctx, 'sign-in-rate-limited', { ...who, outcome: 'rate-limited' });
      c.header('Retry-After', String(reserved.retryAfter));
      return failure(c, 'rate-limited');
    }
    const person = (await ctx.store.transaction('read', (tx) => tx.query('professionals', 'byEmail', { equals: [input.email], limit: 1 })))[0];
    const creds = person ? await credentials(ctx.db, person.id) : undefined;
    const passwordOk = await verifyPassword(input.password, creds?.password_hash ?? (await dummyHash()));
    if (!person || !creds?.password_hash || !passwordOk || !person.active) {
      securityLog(ctx, 'sign-in-refused', { ...who, outcome: person && !person.active ? 'account-inactive' : 'wrong-credentials' });
      return failure(c, 'not-signed-in');
    }
    const now = ctx.now();
    if (creds.totp_secret) {
      if (!input.totp) return failure(c, 'not-signed-in', { detail: 'totp-required' });
      const step = verifyTotp(creds.totp_secret, input.totp, now, creds.totp_last_step == null ? null : Number(creds.totp_last_step));
      if (step === undefined) {
        securityLog(ctx, 'totp-refused', { ...who, outcome: 'wrong-code' });
        return failure(c, 'not-signed-in', { detail: 'totp-invalid' });
      }
      await ctx.db.query('UPDATE credentials SET totp_last_step = $2 WHERE professional_id = $1', [person.id, step]);
    }
    await ctx.signInThrottle.succeeded(reserved.attempt);
    const restricted = !creds.totp_secret && (await requiresTotp(ctx.db, person.orgId));
    const session = await createSession(ctx.db, person.id, now, restricted);
    securityLog(ctx, 'sign-in', { ...who, professionalId: person.id, outcome: restricted ? 'restricted' : 'success' });
    return { ...session, professionalId: person.id, totpEnrolmentRequired: restricted };
  },

  async 'sign-out'(c, _input, session) {
    const token = c.req.header('Authorization')?.replace(/^Bearer /, '') ?? '';
    await ctx.db.query('DELETE FROM sessions WHERE token_hash = $1', [hashToken(token)]);
    securityLog(ctx, 'sign-out', { professionalId: session!.professionalId, ip: clientIp(c, ctx.config.trustProxy), outcome: 'success' });
    return { signedOut: true as const };
  },
});
