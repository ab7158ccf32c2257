import type { Context, Hono } from 'hono';
import type { Professional } from '../../lib/domain';
import type { Tx } from '../../lib/service/store';
import type { MailSettingsOutput, MailStatusOutput } from '../../lib/contract/wire';
import { unsubscribePage } from '../api/pages';
import { failure } from '../api/status';
import type { ServerContext } from '../context';
import type { SqlRunner } from '../db';
import { readUnsubscribeToken } from '../mail/links';
import { mailSettings, notifyByDefault, wantsMail } from '../mail/notify';
import { actorOf, auditPut } from './admin-audit';
import { authenticate } from './authenticate';
import { professional } from './credentials';
import type { Handlers } from './route-types';
import { securityLog } from './security-log';

/** The lists a person can be notified for: their own ('') and the shared inboxes they are a member of now. */
async function listsOf(tx: Pick<Tx, 'query'>, me: Professional) {
  const inboxes = (await tx.query('inboxes', 'byOrg', { equals: [me.orgId] })).filter((i) => i.memberIds.includes(me.id));
  return [{ via: '', name: undefined as string | undefined }, ...inboxes.map((i) => ({ via: i.id, name: i.name }))];
}

async function settingsOf(tx: Pick<Tx, 'query'>, sql: SqlRunner, me: Professional): Promise<MailSettingsOutput> {
  const settings = await mailSettings(sql, me.id);
  const orgDefault = await notifyByDefault(sql, me.orgId);
  const lists = (await listsOf(tx, me)).map((l) => ({ ...l, enabled: wantsMail(settings, orgDefault, l.via) }));
  return { lang: settings.lang, lists };
}

/** Sets some of a person's list choices (and language) and writes the audit record, in the caller's transaction. */
async function saveSettings(ctx: ServerContext, c: Context, tx: Tx, sql: SqlRunner, me: Professional, change: { lang?: 'nl' | 'en'; lists?: Record<string, boolean> }) {
  const actor = await actorOf(ctx, c, tx, me);
  if (!actor) return;
  await sql.query(
    `INSERT INTO mail_settings (professional_id, lang, lists) VALUES ($1, COALESCE($2, 'nl'), $3::jsonb)
     ON CONFLICT (professional_id) DO UPDATE SET lang = COALESCE($2, mail_settings.lang), lists = mail_settings.lists || $3::jsonb`,
    [me.id, change.lang ?? null, JSON.stringify(change.lists ?? {})],
  );
  await tx.put(auditPut(ctx, actor, { event: 'update', action: 'changeNotificationSettings', objectType: 'notificationSettings', objectId: me.id }));
}

/** A person's mail choices: language, and per list whether new messages are mailed (default: the organisation's). */
export const mailSettingsRoutes: Handlers<'mail-settings' | 'mail-status'> = (ctx) => ({
  async 'mail-status'(c, _input, session) {
    const me = await professional(ctx, session!.professionalId);
    if (!me?.isAccountManager) return failure(c, 'account-manager-only');
    return mailStatus(ctx, me.orgId);
  },

  async 'mail-settings'(c, input, session) {
    const out = await ctx.store.transactionWith('write', async (tx, sql) => {
      const me = await tx.get('professionals', session!.professionalId);
      if (!me?.active) return undefined;
      const allowed = new Set((await listsOf(tx, me)).map((l) => l.via));
      const unknown = Object.keys(input.lists ?? {}).filter((k) => !allowed.has(k));
      if (unknown.length) return unknown;
      // Nothing asked to change: nothing written, no audit record.
      if (input.lang !== undefined || Object.keys(input.lists ?? {}).length) await saveSettings(ctx, c, tx, sql, me, input);
      return settingsOf(tx, sql, me);
    });
    if (!out) return failure(c, 'account-inactive');
    if (Array.isArray(out)) return failure(c, 'invalid-input', { issues: out.map((k) => ({ path: ['lists', k], message: 'not-your-list' })) });
    securityLog(ctx, 'mail-settings', { professionalId: session!.professionalId, outcome: 'success' });
    return out;
  },
});

const DAY = 24 * 3600_000;

/** An organisation's invitations not yet used (with how their mail fared) and its undeliverable mails of the last 30 days. */
async function mailStatus(ctx: ServerContext, orgId: string): Promise<MailStatusOutput> {
  return ctx.db.transaction('read', async (sql) => {
    const invitations = await sql.query<{ professional_id: string; token_expires_at: Date | string | null; sent_at: unknown; failed_at: unknown }>(
      `SELECT s.professional_id, s.token_expires_at, m.sent_at, m.failed_at FROM account_setup s
         JOIN professionals p ON p.id = s.professional_id
         LEFT JOIN LATERAL (SELECT sent_at, failed_at FROM mail_outbox WHERE professional_id = s.professional_id AND kind = 'invitation'
                            ORDER BY created_at DESC LIMIT 1) m ON true
       WHERE p.doc->>'orgId' = $1 AND s.used_at IS NULL AND (p.doc->>'active')::boolean ORDER BY s.created_at`, [orgId],
    );
    const failed = await sql.query<{ professional_id: string; kind: string; failed_at: Date | string; last_error: string | null }>(
      `SELECT professional_id, kind, failed_at, last_error FROM mail_outbox WHERE org_id = $1 AND failed_at > $2 ORDER BY failed_at DESC LIMIT 50`,
      [orgId, new Date(ctx.now().getTime() - 30 * DAY).toISOString()],
    );
    return {
      invitations: invitations.map((r) => ({
        professionalId: r.professional_id,
        expiresAt: r.token_expires_at ? new Date(r.token_expires_at).toISOString() : null,
        mail: r.failed_at ? 'failed' as const : r.sent_at ? 'sent' as const : 'queued' as const,
      })),
      failed: failed.map((r) => ({ professionalId: r.professional_id, kind: r.kind, failedAt: new Date(r.failed_at).toISOString(), reason: r.last_error ?? '' })),
    };
  });
}

/** `GET` mail settings (anyone signed in), mail status (account managers), and the one-click unsubscribe link. */
export function mailReads(app: Hono, ctx: ServerContext) {
  app.get('/api/v1/auth/mail-settings', async (c) => {
    const s = await authenticate(ctx, c);
    if (!s.ok) return failure(c, s.code);
    const out = await ctx.store.transactionWith('read', async (tx, sql) => {
      const me = await tx.get('professionals', s.professionalId);
      return me ? settingsOf(tx, sql, me) : undefined;
    });
    return out ? c.json(out) : failure(c, 'not-signed-in');
  });

  app.get('/api/v1/auth/mail-status', async (c) => {
    const s = await authenticate(ctx, c);
    if (!s.ok) return failure(c, s.code);
    const me = await professional(ctx, s.professionalId);
    if (!me?.isAccountManager) return failure(c, 'account-manager-only');
    return c.json(await mailStatus(ctx, me.orgId));
  });

  const unsubscribe = async (c: Context, post: boolean) => {
    const target = readUnsubscribeToken(ctx.config.totpKey, c.req.query('t') ?? '');
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    if (!target) return failure(c, 'not-found', { detail: 'unsubscribe-link' });
    const p = unsubscribePage(post);
    c.header('Content-Security-Policy', p.csp);
    if (!post) return c.html(p.html);
    const done = await ctx.store.transactionWith('write', async (tx, sql) => {
      const me = await tx.get('professionals', target.professionalId);
      if (!me) return false;
      await saveSettings(ctx, c, tx, sql, me, { lists: { [target.via]: false } });
      return true;
    });
    if (!done) return failure(c, 'not-found', { detail: 'unsubscribe-link' });
    securityLog(ctx, 'mail-settings', { professionalId: target.professionalId, outcome: 'unsubscribed' });
    return c.html(p.html);
  };
  app.get('/api/v1/mail/unsubscribe', (c) => unsubscribe(c, false));
  app.post('/api/v1/mail/unsubscribe', (c) => unsubscribe(c, true));
}
