import { failure } from '../api/status';
import { passwordReset } from '../mail/invitations';
import { organisationSignInMail, passwordChangedMail } from '../mail/compose';
import { mailSettings } from '../mail/notify';
import { queueMail } from '../mail/queue';
import { actorOf, auditPut, closeStreams } from './admin-audit';
import { clientIp } from './client-ip';
import { credentials, professional, setPasswordHash } from './credentials';
import { providerOnly } from './oidc/password-policy';
import { dummyHash, hashPassword, verifyPassword } from './password';
import { passwordProblem } from './password-policy';
import type { Handlers } from './route-types';
import { securityLog } from './security-log';
import { endSessions } from './sessions';
import { withinRate } from './throttle';
import { setPasswordWithLink, type LinkTable } from './token-password';

/** Per address: three reset mails an hour; per client address, thirty requests an hour. */
export const RESET_RATES = {
  address: { limit: 3, windowMs: 3600_000 },
  client: { limit: 30, windowMs: 3600_000 },
};

export const passwordRoutes: Handlers<'request-password-reset' | 'reset-password' | 'change-password'> = (ctx) => {
  /** A reset link: a person has at most one, and using it ends every session of the account (audited). */
  const links = (c: Parameters<typeof setPasswordWithLink>[1]): LinkTable => ({
    async find(sql, tokenHash, now, lock) {
      return (await sql.query<{ professional_id: string }>(
        `SELECT professional_id FROM password_resets WHERE token_hash = $1 AND expires_at > $2${lock ? ' FOR UPDATE' : ''}`, [tokenHash, now.toISOString()],
      ))[0]?.professional_id;
    },
    async consume(sql, tx, person) {
      await sql.query('DELETE FROM password_resets WHERE professional_id = $1', [person.id]);
      // A reset also settles an invitation not yet used: its link would set the password a second way.
      await sql.query('UPDATE account_setup SET used_at = now(), token_hash = NULL WHERE professional_id = $1 AND used_at IS NULL', [person.id]);
      await endSessions(sql, { professionalId: person.id });
      await closeStreams(sql, [person.id]);
      const actor = await actorOf(ctx, c, tx, person);
      if (actor) await tx.put(auditPut(ctx, actor, { event: 'update', action: 'resetPassword', objectType: 'password', objectId: person.id }));
    },
  });

  return {
    async 'request-password-reset'(c, input) {
      const ip = clientIp(c, ctx.config.trustProxy);
      const t = ctx.now().getTime();
      // Keyed on what was asked, not on what exists: the answer and its throttling say nothing about whether there is an account.
      for (const [key, rate] of [[`reset:${input.email}`, RESET_RATES.address], [`reset-ip:${ip}`, RESET_RATES.client]] as const) {
        const within = await withinRate(ctx.db, key, rate, t);
        if (!within.ok) {
          securityLog(ctx, 'password-reset-rate-limited', { email: input.email, ip, outcome: 'rate-limited' });
          c.header('Retry-After', String(within.retryAfter));
          return failure(c, 'rate-limited');
        }
      }
      const now = ctx.now();
      const sent = await ctx.store.transactionWith('write', async (tx, sql) => {
        const person = (await tx.query('professionals', 'byEmail', { equals: [input.email], limit: 1 }))[0];
        if (!person?.active) return undefined;
        const lang = (await mailSettings(sql, person.id)).lang;
        if (providerOnly(ctx.config.oidc, person.orgId)) {
          // No password to reset: the mail says how this person signs in instead (the answer is the same).
          const org = await tx.get('organisations', person.orgId);
          await queueMail(sql, ctx.config.totpKey, now, {
            kind: 'password-reset', professionalId: person.id, orgId: person.orgId,
            payload: { to: person.email, ...organisationSignInMail(lang, { name: person.name, orgName: org?.name ?? '' }) },
          });
          return person;
        }
        const reset = passwordReset(ctx.config, now, person, lang);
        // One open link per person: a new request replaces the last.
        await sql.query('DELETE FROM password_resets WHERE professional_id = $1', [person.id]);
        await sql.query('INSERT INTO password_resets (token_hash, professional_id, expires_at) VALUES ($1, $2, $3)', [reset.tokenHash, person.id, reset.expiresAt]);
        await queueMail(sql, ctx.config.totpKey, now, reset.mail);
        return person;
      });
      securityLog(ctx, 'password-reset-requested', { email: input.email, ip, professionalId: sent?.id, outcome: sent ? 'mailed' : 'no-active-account' });
      if (sent) ctx.mail.kick();
      return { accepted: true as const };
    },

    async 'reset-password'(c, input) {
      const done = await setPasswordWithLink(ctx, c, links(c), input);
      if (done instanceof Response) return done;
      securityLog(ctx, 'password-reset', { email: done.person.email, professionalId: done.person.id, ip: clientIp(c, ctx.config.trustProxy), outcome: 'success' });
      return { professionalId: done.person.id, enrolmentToken: done.enrolmentToken };
    },

    async 'change-password'(c, input, session) {
      const me = await professional(ctx, session!.professionalId);
      if (!me?.active) return failure(c, 'account-inactive');
      const creds = await credentials(ctx.db, me.id);
      const ip = clientIp(c, ctx.config.trustProxy);
      // Counted like a sign-in: the current password is guessed here too, from a session left open.
      const reserved = await ctx.signInThrottle.reserve(me.email, ip);
      if (!reserved.ok) {
        c.header('Retry-After', String(reserved.retryAfter));
        return failure(c, 'rate-limited');
      }
      if (!(await verifyPassword(input.currentPassword, creds?.password_hash ?? (await dummyHash())))) {
        securityLog(ctx, 'password-change-refused', { email: me.email, professionalId: me.id, ip, outcome: 'wrong-password' });
        return failure(c, 'invalid-input', { issues: [{ path: ['currentPassword'], message: 'wrong-password' }] });
      }
      const problem = passwordProblem(input.password, [me.name, me.email]);
      if (problem) return failure(c, 'invalid-input', { issues: [{ path: ['password'], message: problem }] });
      const hash = await hashPassword(input.password);
      const now = ctx.now();
      await ctx.store.transactionWith('write', async (tx, sql) => {
        await setPasswordHash(sql, me.id, hash, now);
        // The other sessions end: whoever knew the old password is signed out; this one goes on.
        await sql.query('DELETE FROM event_tickets WHERE professional_id = $1 AND session_hash <> $2', [me.id, session!.sessionHash]);
        await sql.query('DELETE FROM sessions WHERE professional_id = $1 AND token_hash <> $2', [me.id, session!.sessionHash]);
        await sql.query('DELETE FROM password_resets WHERE professional_id = $1', [me.id]);
        const lang = (await mailSettings(sql, me.id)).lang;
        await queueMail(sql, ctx.config.totpKey, now, {
          kind: 'password-changed', professionalId: me.id, orgId: me.orgId, payload: { to: me.email, ...passwordChangedMail(lang, { name: me.name }) },
        });
        const actor = await actorOf(ctx, c, tx, me);
        if (actor) await tx.put(auditPut(ctx, actor, { event: 'update', action: 'changePassword', objectType: 'password', objectId: me.id }));
      });
      await ctx.signInThrottle.succeeded(reserved.attempt);
      securityLog(ctx, 'password-changed', { email: me.email, professionalId: me.id, ip, outcome: 'success' });
      ctx.mail.kick();
      return { changed: true as const };
    },
  };
};
