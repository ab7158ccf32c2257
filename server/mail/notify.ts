import type { InboxItem, Put } from '../../lib/domain';
import type { ServerContext } from '../context';
import type { SqlRunner } from '../db';
import type { Batch } from '../db/sql-store';
import { notificationMail, type MailLang } from './compose';
import { unsubscribeToken } from './links';
import { queueMail } from './queue';

/**
 * Notes, in the commit of the write that caused it, that a person's list
 * has something new they did not do themselves. The first note of a quiet
 * period stays (ON CONFLICT DO NOTHING): twenty messages in it make one row,
 * and so one mail.
 */
export function notePendingWith(batch: Batch, puts: Put[], actorId: string, now: Date) {
  const lists = new Map<string, [string, string]>();
  for (const p of puts) {
    if (p.store !== 'inboxItems') continue;
    const item = p.value as InboxItem;
    if (item.unread !== 1 || item.archived === 1 || item.ownerId === actorId) continue;
    lists.set(`${item.ownerId}\u0000${item.via}`, [item.ownerId, item.via]);
  }
  if (!lists.size) return;
  const rows = batch.param(JSON.stringify([...lists.values()]));
  batch.cte(`INSERT INTO notify_pending (professional_id, list_key, since)
    SELECT r->>0, r->>1, ${batch.param(now.toISOString())} FROM jsonb_array_elements(${rows}::jsonb) r WHERE ${batch.condition}
    ON CONFLICT DO NOTHING RETURNING 1`);
}

export interface MailSettings { lang: MailLang; lists: Record<string, boolean> }

export async function mailSettings(sql: SqlRunner, professionalId: string): Promise<MailSettings> {
  const row = (await sql.query<{ lang: string; lists: Record<string, boolean> }>('SELECT lang, lists FROM mail_settings WHERE professional_id = $1', [professionalId]))[0];
  return { lang: row?.lang === 'en' ? 'en' : 'nl', lists: row?.lists ?? {} };
}

export async function notifyByDefault(sql: SqlRunner, orgId: string): Promise<boolean> {
  const row = (await sql.query<{ notify_by_default: boolean }>('SELECT notify_by_default FROM org_settings WHERE org_id = $1', [orgId]))[0];
  return row?.notify_by_default ?? true;
}

/** Whether this person wants mail for this list: their own choice, else their organisation's default. */
export const wantsMail = (settings: MailSettings, orgDefault: boolean, via: string) => settings.lists[via] ?? orgDefault;

interface Pending { professional_id: string; list_key: string; since: Date | string }

/**
 * Lists whose quiet period has passed: when the person still has not seen
 * what came (still unread), wants these mails and is active, one mail; in
 * every case the note goes. Rows another process holds are skipped.
 */
export async function notifyDue(ctx: ServerContext): Promise<number> {
  const now = ctx.now();
  return ctx.store.transactionWith('write', async (tx, sql) => {
    const due = await sql.query<Pending>(
      'SELECT professional_id, list_key, since FROM notify_pending WHERE since <= $1 ORDER BY since LIMIT 50 FOR UPDATE SKIP LOCKED',
      [new Date(now.getTime() - ctx.config.notifyQuietMs).toISOString()],
    );
    for (const d of due) {
      await sql.query('DELETE FROM notify_pending WHERE professional_id = $1 AND list_key = $2', [d.professional_id, d.list_key]);
      const person = await tx.get('professionals', d.professional_id);
      if (!person?.active) continue;
      const unseen = await sql.query(
        `SELECT 1 FROM "inboxItems" WHERE (doc->>'ownerId') COLLATE "C" = $1 AND (doc->>'via') COLLATE "C" = $2
           AND (doc->>'archived')::numeric = 0 AND (doc->>'unread')::numeric = 1 AND doc->>'lastActivity' >= $3 LIMIT 1`,
        [d.professional_id, d.list_key, new Date(d.since).toISOString()],
      );
      if (!unseen.length) continue;
      const settings = await mailSettings(sql, person.id);
      if (!wantsMail(settings, await notifyByDefault(sql, person.orgId), d.list_key)) continue;
      const inbox = d.list_key ? await tx.get('inboxes', d.list_key) : undefined;
      const unsubscribe = `${ctx.config.publicUrl}/api/v1/mail/unsubscribe?t=${unsubscribeToken(ctx.config.totpKey, person.id, d.list_key)}`;
      const content = notificationMail(settings.lang, { name: person.name, list: inbox?.name, link: `${ctx.config.publicUrl}/open`, unsubscribe });
      await queueMail(sql, ctx.config.totpKey, now, {
        kind: 'notification', professionalId: person.id, orgId: person.orgId,
        payload: {
          to: person.email, ...content,
          headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'Auto-Submitted': 'auto-generated' },
        },
      });
    }
    return due.length;
  });
}
