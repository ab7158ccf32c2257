import type { RecordExport } from '../domain';
import type { I18n } from '../i18n';

/** A birth date is a day, not an instant: formatted in UTC so no time zone moves it to the day before. */
function day(iso: string, lang: I18n['lang']): string {
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(`${iso}T00:00:00.000Z`));
}

/**
 * "Naar dossier": the export as plain text to paste into a record system (HIS, ECD), which takes
 * no markup. The PDF prints these same lines, so the two never say different things.
 */
export function recordExportText(ex: RecordExport, i18n: I18n): string {
  const { t } = i18n;
  const role = (r: string) => i18n.maybe(`role.${r}`) ?? r;
  const c = ex.client;
  const lines = [
    t('export.heading', { subject: ex.conversation.subject }),
    t('export.exportedAt', { at: i18n.dateTime(ex.exportedAt) }),
    '',
    `${t('export.client')}: ${c.name}, ${t('export.born', { date: day(c.birthDate, i18n.lang) })}${c.bsn ? `, BSN ${c.bsn}` : ''}`,
    `${t('export.organisations')}: ${ex.organisations.join(', ')}`,
    `${t('export.participants')}:`,
    ...ex.participants.map((p) => `- ${p.resident ? `${p.name} (${t('conversation.resident')})` : `${p.name}, ${role(p.role)}, ${p.organisation}`}`),
    ...(ex.inboxes.length ? [`${t('export.inboxes')}: ${ex.inboxes.map((i) => `${i.name} (${i.organisation})`).join(', ')}`] : []),
    '',
    ex.since ? t('export.messagesSince', { at: i18n.dateTime(ex.since) }) : t('export.messagesAll'),
  ];
  if (!ex.messages.length) lines.push(t('export.noMessages'));
  for (const m of ex.messages) {
    const who = m.authorKind === 'client' ? `${m.authorName} (${t('conversation.resident')})` : `${m.authorName} (${role(m.authorRole)}, ${m.authorOrgName})`;
    lines.push('', `${i18n.dateTime(m.createdAt)} – ${who}:`);
    if (m.text) lines.push(m.text);
    if (m.attachments?.length) lines.push(`${t('export.files')}: ${m.attachments.map((a) => a.name).join(', ')}`);
  }
  if (ex.more) lines.push('', t('export.more'));
  return lines.join('\n');
}
