import { mayExportConversation } from '../capabilities';
import type { Client, Network } from '../care';
import type { Command } from '../commands';
import type { Conversation, Message } from '../conversation';
import { accept, audit, put, refuseAudited, type Actor, type Decision, type Env } from '../kernel';
import type { RefusalCode } from '../refusals';
import type { Organisation, Professional, SharedInbox } from '../organisation';
import { EXPORT_MAX_MESSAGES, exportMarkId, type ExportMark, type RecordExport } from '../record-export';
import { readAccess } from './access';

/**
 * "Naar dossier": the conversation (or what came after this person's last export of it) for the
 * client's record. Refused where reading is (R8, R13; the emergency step does not extend to it), and
 * audited either way (R15). It remembers where this person's export ended.
 */
export function exportConversation(
  actor: Actor, env: Env, cmd: Command<'exportConversation'>,
  ctx: {
    conversation?: Conversation; network?: Network; client?: Client; mark?: ExportMark;
    messages: Message[]; people: Professional[]; organisations: Organisation[]; inboxes: SharedInbox[];
  },
): Decision<RecordExport> {
  const { conversation: conv, network, client } = ctx;
  const refused = (code: RefusalCode) =>
    refuseAudited(code, actor, env, { event: 'read', action: 'exportConversation', objectType: 'conversation', objectId: cmd.conversationId });
  if (!conv || !network || !client) return refused('not-found');
  // Outsiders are told what a reading would tell them (not-found); who may read but not copy, that contents are restricted.
  if (!mayExportConversation(actor.professional, conv)) {
    const access = readAccess(actor, conv, network, undefined);
    return refused('ok' in access ? access.code : 'contents-restricted');
  }

  const me = actor.professional.id;
  const orgName = new Map(ctx.organisations.map((o) => [o.id, o.name]));
  const people = new Map(ctx.people.map((p) => [p.id, p]));
  const messages = ctx.messages.slice(0, EXPORT_MAX_MESSAGES);
  const since = cmd.scope === 'sinceLastExport' ? ctx.mark : undefined;
  const lastShown = messages.at(-1);
  const mark: ExportMark = {
    id: exportMarkId(me, conv.id), professionalId: me, conversationId: conv.id, at: env.now,
    // Nothing new since the last export: the next one still starts where that one ended.
    last: lastShown ? { createdAt: lastShown.createdAt, id: lastShown.id } : since?.last,
  };
  const participants = conv.participants.flatMap((p) => {
    if (p.kind === 'client') return [{ name: client.name, role: '', organisation: '', resident: true }];
    const person = people.get(p.id);
    return person ? [{ name: person.name, role: person.role, organisation: orgName.get(person.orgId) ?? '', resident: false }] : [];
  });
  return accept<RecordExport>({
    exportedAt: env.now,
    scope: cmd.scope,
    ...(since ? { since: since.at } : {}),
    conversation: { id: conv.id, subject: conv.subject },
    client: { name: client.name, birthDate: client.birthDate, ...(client.bsn ? { bsn: client.bsn } : {}) },
    organisations: network.orgIds.map((id) => orgName.get(id) ?? id),
    participants,
    inboxes: ctx.inboxes.map((i) => ({ name: i.name, organisation: orgName.get(i.orgId) ?? '' })),
    messages,
    more: ctx.messages.length > EXPORT_MAX_MESSAGES,
  }, [
    put('exportMarks', mark),
    audit(actor, env, { event: 'read', action: 'exportConversation', clientId: conv.clientId, objectType: 'conversation', objectId: conv.id }),
  ]);
}
