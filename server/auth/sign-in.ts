import type { Context } from 'hono';
import type { Professional } from '../../lib/domain';
import type { ServerContext } from '../context';
import { failure } from '../api/status';
import { clientIp } from './client-ip';
import { credentials, requiresTotp, type Credentials } from './credentials';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './password';
import type { Handlers } from './route-types';
import { passwordSignInOff } from './oidc/password-policy';
import { securityLog } from './security-log';
import { createSession, endSessions } from './sessions';
import { openSecret } from './totp-secrets';
import { verifyTotp } from './totp';

/**
 * Every refused sign-in reads the same, whatever was wrong: the account,
 * the password, a missing, wrong or reused code. An answer that told a
 * missing code apart would tell that the password was right. The detail
 * says only that a code may be needed: a form that shows the code field
 * after any refusal lets those who have one enter it.
 */
const refused = (c: Context) => failure(c, 'not-signed-in', { detail: 'totp-required' });

/**
 * Marks the code's time step used, only if no later or equal step was:
 * of parallel sign-ins with one code exactly one changes the row, the
 * others find it changed and are replays.
 */
async function useStep(ctx: ServerContext, id: string, creds: Credentials, step: number): Promise<boolean> {
  const rows = await ctx.db.query(
    `UPDATE credentials SET totp_last_step = $2
     WHERE professional_id = $1 AND totp_secret = $3 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING 1`,
    [id, step, creds.totp_secret],
  );
  return rows.length === 1;
}

/** The second factor of a sign-in whose password was right: undefined when it passes, else what was wrong. */
async function secondFactor(ctx: ServerContext, person: Professional, creds: Credentials, code: string | undefined, now: Date) {
  if (!creds.totp_secret) return undefined;
  if (!code) return 'code-missing';
  const secret = openSecret(ctx, person.id, creds.totp_secret);
  if (!secret) return 'secret-unreadable';
  const step = verifyTotp(secret, code, now, creds.totp_last_step == null ? null : Number(creds.totp_last_step));
  if (step === undefined) return 'wrong-code';
  return (await useStep(ctx, person.id, creds, step)) ? undefined : 'code-reused';
}

/** A hash made with weaker parameters than today's is replaced while the password is at hand; a concurrent change wins. */
async function rehash(ctx: ServerContext, id: string, password: string, old: string) {
  if (!needsRehash(old)) return;
  await ctx.db.query('UPDATE credentials SET password_hash = $2, updated_at = $3 WHERE professional_id = $1 AND password_hash = $4', [
    id, await hashPassword(password), ctx.now().toISOString(), old,
  ]);
}

/** Sign-in (throttled per account, address and both, one answer for every refusal) and sign-out. */
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
    // Before the password is checked, so the answer says nothing about it: the organisation signs in through its provider.
    if (await passwordSignInOff(ctx, input.email, person)) {
      securityLog(ctx, 'sign-in-refused', { ...who, outcome: 'password-sign-in-off' });
      return failure(c, 'password-sign-in-off');
    }
    const creds = person ? await credentials(ctx.db, person.id) : undefined;
    const passwordOk = await verifyPassword(input.password, creds?.password_hash ?? (await dummyHash()));
    if (!person || !creds?.password_hash || !passwordOk || !person.active) {
      securityLog(ctx, 'sign-in-refused', { ...who, outcome: person && !person.active ? 'account-inactive' : 'wrong-credentials' });
      return refused(c);
    }
    const now = ctx.now();
    const wrong = await secondFactor(ctx, person, creds, input.totp, now);
    if (wrong) {
      securityLog(ctx, 'totp-refused', { ...who, professionalId: person.id, outcome: wrong });
      return refused(c);
    }
    await ctx.signInThrottle.succeeded(reserved.attempt);
    await rehash(ctx, person.id, input.password, creds.password_hash);
    const restricted = !creds.totp_secret && (await requiresTotp(ctx.db, person.orgId));
    const session = await createSession(ctx.db, person.id, now, restricted);
    securityLog(ctx, 'sign-in', { ...who, professionalId: person.id, outcome: restricted ? 'restricted' : 'success' });
    return { ...session, professionalId: person.id, totpEnrolmentRequired: restricted };
  },

  async 'sign-out'(c, _input, session) {
    // The session's event tickets end with it: a ticket fetched before must not open a stream after.
    await ctx.db.transaction('write', (sql) => endSessions(sql, { sessionHash: session!.sessionHash }));
    securityLog(ctx, 'sign-out', { professionalId: session!.professionalId, ip: clientIp(c, ctx.config.trustProxy), outcome: 'success' });
    return { signedOut: true as const };
  },
});
