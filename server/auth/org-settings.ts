import type { Hono } from 'hono';
import type { ServerContext } from '../context';
import { failure } from '../api/status';
import { authenticate } from './authenticate';
import { professional, requiresTotp } from './credentials';
import type { Handlers } from './route-types';

/** The organisation's sign-in policy: whether its people need a second factor. */
export const orgSettingsRoutes: Handlers<'org-settings'> = (ctx) => ({
  async 'org-settings'(c, input, session) {
    const me = await professional(ctx, session!.professionalId);
    if (!me?.isAccountManager) return failure(c, 'account-manager-only');
    await ctx.db.query(
      'INSERT INTO org_settings (org_id, require_totp) VALUES ($1, $2) ON CONFLICT (org_id) DO UPDATE SET require_totp = EXCLUDED.require_totp',
      [me.orgId, input.requireTotp],
    );
    return { requireTotp: input.requireTotp };
  },
});

/** `GET /api/v1/auth/org-settings`: the policy of the signed-in person's organisation. */
export function orgSettingsRead(app: Hono, ctx: ServerContext) {
  app.get('/api/v1/auth/org-settings', async (c) => {
    const s = await authenticate(ctx, c);
    if (!s.ok) return failure(c, s.code);
    const me = await professional(ctx, s.professionalId);
    if (!me) return failure(c, 'not-signed-in');
    return c.json({ requireTotp: await requiresTotp(ctx.db, me.orgId) });
  });
}
