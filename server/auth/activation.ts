import { failure } from '../api/status';
import { invitation } from '../mail/invitations';
import { providerOnly } from './oidc/password-policy';
import { mailSettings } from '../mail/notify';
import { queueMail } from '../mail/queue';
import { actorOf, auditPut } from './admin-audit';
import { professional } from './credentials';
import type { Handlers } from './route-types';
import { setPasswordWithLink, type LinkTable } from './token-password';

/** An invitation's link: in account_setup until the person has set their first password. */
export const invitationLinks: LinkTable = {
  async find(sql, tokenHash, now, lock) {
    return (await sql.query<{ professional_id: string }>(
      `SELECT professional_id FROM account_setup WHERE token_hash = $1 AND used_at IS NULL AND token_expires_at > $2${lock ? ' FOR UPDATE' : ''}`,
      [tokenHash, now.toISOString()],
    ))[0]?.professional_id;
  },
  async consume(sql, _tx, person) {
    await sql.query('UPDATE account_setup SET used_at = now(), token_hash = NULL WHERE professional_id = $1', [person.id]);
  },
};

/**
 * New accounts (R12, R13): `createAccount` mails the invitation to the
 * person's own address; its link sets the first password once. The link is
 * never shown to anyone else: an account manager can only send a new one
 * (the old one stops working).
 */
export const activationRoutes: Handlers<'set-password' | 'resend-invitation'> = (ctx) => ({
  async 'set-password'(c, input) {
    const done = await setPasswordWithLink(ctx, c, invitationLinks, input);
    return done instanceof Response ? done : { professionalId: done.person.id, enrolmentToken: done.enrolmentToken };
  },

  async 'resend-invitation'(c, input, session) {
    const me = await professional(ctx, session!.professionalId);
    if (!me?.isAccountManager) return failure(c, 'account-manager-only');
    const now = ctx.now();
    const outcome = await ctx.store.transactionWith('write', async (tx, sql) => {
      const person = await tx.get('professionals', input.professionalId);
      const actor = await actorOf(ctx, c, tx, me);
      // Another organisation's people are not there, as far as this account manager can tell.
      if (!person || person.orgId !== me.orgId || !actor) return 'not-found' as const;
      if (!person.active) return 'account-inactive' as const;
      const open = (await sql.query('SELECT 1 FROM account_setup WHERE professional_id = $1 AND used_at IS NULL FOR UPDATE', [person.id])).length > 0;
      if (!open) return 'activated' as const;
      const invite = invitation(ctx.config, now, person, actor.org.name, (await mailSettings(sql, person.id)).lang, providerOnly(ctx.config.oidc, person.orgId));
      await sql.query('UPDATE account_setup SET token_hash = $2, token_expires_at = $3, link_issued_at = $4 WHERE professional_id = $1', [
        person.id, invite.tokenHash, invite.expiresAt, now.toISOString(),
      ]);
      await queueMail(sql, ctx.config.totpKey, now, invite.mail);
      await tx.put(auditPut(ctx, actor, { event: 'update', action: 'resendInvitation', objectType: 'invitation', objectId: person.id }));
      return invite;
    });
    if (outcome === 'not-found') return failure(c, 'not-found');
    if (outcome === 'account-inactive') return failure(c, 'account-inactive');
    if (outcome === 'activated') return failure(c, 'conflict', { detail: 'already-activated' });
    ctx.mail.kick();
    return { sent: true as const, expiresAt: outcome.expiresAt };
  },
});
