import type { Conversation } from '../lib/domain';
import { useI18n } from './i18n';

export interface PersonInfo { name: string; role: string; orgId: string }

export interface ParticipantsProps {
  conversation: Conversation;
  person: (id: string) => PersonInfo | undefined;
  orgName: (id: string) => string | undefined;
  inboxName: (id: string) => string | undefined;
  clientName: string;
}

/** Who takes part and how they joined: started it, "via" a shared inbox (R8), or added by whom and when (R9). */
export function Participants({ conversation, person, orgName, inboxName, clientName }: ParticipantsProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const name = (id: string) => person(id)?.name ?? t('conversation.formerAccount');
  const how = (p: Conversation['participants'][number]) => {
    const when = i18n.dateTime(p.addedAt);
    if (p.id === conversation.createdBy && p.addedBy === p.id && !p.viaInboxId) return t('conversation.startedIt', { when });
    if (p.viaInboxId) {
      const inbox = inboxName(p.viaInboxId) ?? '';
      return p.addedBy === p.id
        ? t('conversation.viaInbox', { inbox, when })
        : t('conversation.viaInboxAddedBy', { inbox, by: name(p.addedBy), when });
    }
    return t('conversation.addedBy', { by: name(p.addedBy), when });
  };
  return (
    <details class="participants">
      <summary>{t('conversation.participants', { n: conversation.participants.length })}</summary>
      <ul>
        {conversation.participants.map((p) => {
          const info = p.kind === 'professional' ? person(p.id) : undefined;
          return (
            <li key={p.id}>
              <span class="p-name">{p.kind === 'client' ? clientName : name(p.id)}</span>
              <span class="p-role">
                {p.kind === 'client'
                  ? t('conversation.resident')
                  : info && `${i18n.maybe(`role.${info.role}`) ?? info.role}, ${orgName(info.orgId) ?? ''}`}
              </span>
              <span class="p-how">{how(p)}</span>
            </li>
          );
        })}
      </ul>
      {conversation.inboxes.length > 0 && (
        <>
          <h4>{t('conversation.inboxes')}</h4>
          <ul>
            {conversation.inboxes.map((i) => (
              <li key={i.inboxId}>
                <span class="p-name">{inboxName(i.inboxId) ?? i.inboxId}</span>
                <span class="p-how">{t('conversation.addedBy', { by: name(i.addedBy), when: i18n.dateTime(i.addedAt) })}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </details>
  );
}
