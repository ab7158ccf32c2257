import { notifyByDefault } from '../mail/notify';
import type { Hono } from 'hono';
import type { ServerContext } from '../context';
import { failure } from '../api/status';
import { authenticate } from './authenticate';
import { actorOf, auditPut, closeStreams } from './admin-audit';
import { credentials, professional, requiresTotp } from './credentials';
import type { Handlers } from './route-types';
import { securityLog } from './security-log';

/**
 * The organisation's sign-in policy: whether its people need a second
 * factor. Switching it on restricts, at once and on every process, the
 * sessions of its people who have none: they may only enrol (where the
 * session began before the switch, see totp-routes.ts) or sign out, and
 * their live streams close. Switching it off lifts that. Each change is an
 * audit record.
 */
export const orgSettingsRoutes: Handlers<'org-settings'> = (ctx) => ({
  async 'org-settings'(c, input, session) {
    const me = await professional(ctx, session!.professionalId);
    if (!me?.isAccountManager) return failure(c, 'account-manager-only');
    // Switched on without a second factor of their own, the account manager's sessions would be restricted
    // and a new one could not switch it off again: they enrol first.
    if (input.requireTotp && !(await credentials(ctx.db, me.id))?.totp_secret) return failure(c, 'conflict', { detail: 'enrol-own-second-factor-first' });
    const now = ctx.now().toISOString();
    const changed = await ctx.store.transactionWith('write', async (tx, sql) => {
      const actor = await actorOf(ctx, c, tx, me);
      if (!actor) return undefined;
      const before = (await sql.query<{ require_totp: boolean }>('SELECT require_totp FROM org_settings WHERE org_id = $1 FOR UPDATE', [me.orgId]))[0];
      const switchedOn = input.requireTotp && !before?.require_totp;
      await sql.query(
        `INSERT INTO org_settings (org_id, require_totp, require_totp_since) VALUES ($1, $2, $3)
         ON CONFLICT (org_id) DO UPDATE SET require_totp = EXCLUDED.require_totp,
           require_totp_since = CASE WHEN $4 THEN EXCLUDED.require_totp_since ELSE org_settings.require_totp_since END`,
        [me.orgId, input.requireTotp, input.requireTotp ? now : null, switchedOn],
      );
      if (input.notifyByDefault !== undefined) {
        await sql.query('UPDATE org_settings SET notify_by_default = $2 WHERE org_id = $1', [me.orgId, input.notifyByDefault]);
        await tx.put(auditPut(ctx, actor, { event: 'update', action: 'setNotificationDefault', objectType: 'notificationSettings', objectId: me.orgId }));
      }
      const people = (await sql.query<{ id: string }>(
        `UPDATE sessions SET restricted = $2 WHERE revoked_at IS NULL AND professional_id IN (
           SELECT p.id FROM professionals p LEFT JOIN credentials k ON k.professional_id = p.id
           WHERE p.doc->>'orgId' = $1 AND k.totp_secret IS NULL)
         RETURNING professional_id AS id`, [me.orgId, input.requireTotp],
      )).map((r) => r.id);
      if (input.requireTotp) await closeStreams(sql, [...new Set(people)]);
      await tx.put(auditPut(ctx, actor, {
        event: 'update', action: input.requireTotp ? 'requireSecondFactor' : 'stopRequiringSecondFactor', objectType: 'signInPolicy', objectId: me.orgId,
      }));
      return before?.require_totp !== input.requireTotp;
    });
    if (changed === undefined) return failure(c, 'not-signed-in');
    securityLog(ctx, 'sign-in-policy', { professionalId: me.id, outcome: `${input.requireTotp ? 'require' : 'no'}-second-factor${changed ? '' : ' (unchanged)'}` });
    return { requireTotp: input.requireTotp, notifyByDefault: await notifyByDefault(ctx.db, me.orgId) };
  },
});

/** `GET /api/v1/auth/org-settings`: the policy of the signed-in person's organisation. */
export function orgSettingsRead(app: Hono, ctx: ServerContext) {
  app.get('/api/v1/auth/org-settings', async (c) => {
    const s = await authenticate(ctx, c);
    if (!s.ok) return failure(c, s.code);
    const me = await professional(ctx, s.professionalId);
    if (!me) return failure(c, 'not-signed-in');
    return c.json({ requireTotp: await requiresTotp(ctx.db, me.orgId), notifyByDefault: await notifyByDefault(ctx.db, me.orgId) });
  });
}
