import { secondFactorResetMail } from '../mail/compose';
import { mailSettings } from '../mail/notify';
import { queueMail } from '../mail/queue';
import { failure } from '../api/status';
import { actorOf, auditPut, closeStreams } from './admin-audit';
import { clientIp } from './client-ip';
import { credentials, professional, signInPolicy } from './credentials';
import { dummyHash, verifyPassword } from './password';
import type { Handlers } from './route-types';
import { securityLog } from './security-log';
import { endSessions } from './sessions';
import { openSecret, sealSecret } from './totp-secrets';
import { newTotpSecret, otpauthUri, verifyTotp } from './totp';

const ISSUER = 'Netwerkzorg';

/**
 * Enrolling a second factor (TOTP): a new secret, then a code from it to
 * confirm, both in one session; and the account manager's reset.
 *
 * Holding a person's password must not be enough to bind an authenticator
 * to their account: whoever did so first would lock the person out. So
 * enrolment asks for the password again, and where the organisation
 * requires a second factor, it is possible only in a session that began
 * before the requirement was switched on (that session was opened when the
 * password was all the organisation asked for), or in one opened by a
 * one-time link from the person's own mailbox: the invitation, or a password
 * reset (token-password.ts), which proved the mailbox as well (R13).
 */
export const totpRoutes: Handlers<'totp/enrol' | 'totp/confirm' | 'totp/reset'> = (ctx) => ({
  async 'totp/enrol'(c, input, session) {
    const me = await professional(ctx, session!.professionalId);
    if (!me) return failure(c, 'not-signed-in');
    const who = { email: me.email, professionalId: me.id, ip: clientIp(c, ctx.config.trustProxy) };
    const creds = await credentials(ctx.db, me.id);
    if (creds?.totp_secret) return failure(c, 'conflict', { detail: 'totp-enabled' });
    const policy = await signInPolicy(ctx.db, me.orgId);
    if (policy.requireTotp && !session!.byLink && !(policy.since && session!.createdAt.getTime() < policy.since.getTime())) {
      securityLog(ctx, 'totp-enrol-refused', { ...who, outcome: 'session-after-requirement' });
      return failure(c, 'conflict', { detail: 'totp-enrolment-link-required' });
    }
    // The password check is a guess like a sign-in: it counts against the same throttle.
    const reserved = await ctx.signInThrottle.reserve(me.email, who.ip);
    if (!reserved.ok) {
      securityLog(ctx, 'sign-in-rate-limited', { ...who, outcome: 'rate-limited' });
      c.header('Retry-After', String(reserved.retryAfter));
      return failure(c, 'rate-limited');
    }
    if (!(await verifyPassword(input.password, creds?.password_hash ?? (await dummyHash())))) {
      securityLog(ctx, 'totp-enrol-refused', { ...who, outcome: 'wrong-password' });
      return failure(c, 'invalid-input', { issues: [{ path: ['password'], message: 'password' }] });
    }
    await ctx.signInThrottle.succeeded(reserved.attempt);
    const secret = newTotpSecret();
    await ctx.db.query('UPDATE credentials SET totp_pending = $2, totp_pending_session = $3, updated_at = $4 WHERE professional_id = $1', [
      me.id, sealSecret(ctx, me.id, secret), session!.sessionHash, ctx.now().toISOString(),
    ]);
    return { secret, otpauthUri: otpauthUri(ISSUER, me.email, secret) };
  },

  async 'totp/confirm'(c, input, session) {
    const me = await professional(ctx, session!.professionalId);
    if (!me) return failure(c, 'not-signed-in');
    const creds = await credentials(ctx.db, me.id);
    const pending = creds?.totp_pending && creds.totp_pending_session === session!.sessionHash ? openSecret(ctx, me.id, creds.totp_pending) : undefined;
    const step = pending ? verifyTotp(pending, input.code, ctx.now()) : undefined;
    if (step === undefined) {
      securityLog(ctx, 'totp-refused', { email: me.email, professionalId: me.id, outcome: pending ? 'wrong-code' : 'no-enrolment-in-this-session' });
      return failure(c, 'invalid-input', { issues: [{ path: ['code'], message: 'totp' }] });
    }
    const done = await ctx.store.transactionWith('write', async (tx, sql) => {
      const actor = await actorOf(ctx, c, tx, me);
      const moved = await sql.query(
        `UPDATE credentials SET totp_secret = totp_pending, totp_pending = NULL, totp_pending_session = NULL, totp_last_step = $2, updated_at = $3
         WHERE professional_id = $1 AND totp_pending = $4 AND totp_secret IS NULL RETURNING 1`,
        [me.id, step, ctx.now().toISOString(), creds!.totp_pending],
      );
      if (!moved.length || !actor) return false;
      await sql.query('UPDATE sessions SET restricted = false WHERE token_hash = $1', [session!.sessionHash]);
      // Other sessions that were waiting for a second factor proved only the password: they end.
      await sql.query('DELETE FROM event_tickets WHERE session_hash IN (SELECT token_hash FROM sessions WHERE professional_id = $1 AND restricted)', [me.id]);
      await sql.query('DELETE FROM sessions WHERE professional_id = $1 AND restricted', [me.id]);
      await tx.put(auditPut(ctx, actor, { event: 'create', action: 'enrolSecondFactor', objectType: 'secondFactor', objectId: me.id }));
      return true;
    });
    if (!done) return failure(c, 'conflict');
    securityLog(ctx, 'totp-enrolled', { email: me.email, professionalId: me.id, outcome: 'success' });
    return { enabled: true as const };
  },

  async 'totp/reset'(c, input, session) {
    const me = await professional(ctx, session!.professionalId);
    if (!me?.isAccountManager) return failure(c, 'account-manager-only');
    const done = await ctx.store.transactionWith('write', async (tx, sql) => {
      const person = await tx.get('professionals', input.professionalId);
      const actor = await actorOf(ctx, c, tx, me);
      // Another organisation's people are not there, as far as this account manager can tell.
      if (!person || person.orgId !== me.orgId || !actor) return false;
      await sql.query(
        `UPDATE credentials SET totp_secret = NULL, totp_pending = NULL, totp_pending_session = NULL, totp_last_step = NULL, updated_at = $2
         WHERE professional_id = $1`, [person.id, ctx.now().toISOString()],
      );
      // Whoever enrolled the removed authenticator may hold a session: every session of the person ends.
      await endSessions(sql, { professionalId: person.id });
      await closeStreams(sql, [person.id]);
      await tx.put(auditPut(ctx, actor, { event: 'update', action: 'resetSecondFactor', objectType: 'secondFactor', objectId: person.id }));
      // The person is told, in their own mailbox: a reset they did not ask for is how a takeover would begin.
      await queueMail(sql, ctx.config.totpKey, ctx.now(), {
        kind: 'second-factor-reset', professionalId: person.id, orgId: person.orgId,
        payload: { to: person.email, ...secondFactorResetMail((await mailSettings(sql, person.id)).lang, { name: person.name }) },
      });
      return person;
    });
    if (!done) return failure(c, 'not-found');
    securityLog(ctx, 'totp-reset', { email: done.email, professionalId: done.id, by: me.id, outcome: 'success' });
    ctx.mail.kick();
    return { reset: true as const };
  },
});
