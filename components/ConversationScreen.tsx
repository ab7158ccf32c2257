import { useState } from 'preact/hooks';
import type { AppModel } from '../lib/app/app';
import type { Conversation, Network } from '../lib/domain';
import { isGpPractice, isParticipant, mayAddResident, mayExportConversation, readsContents } from '../lib/domain/capabilities';
import { AddParticipant, type Choice } from './AddParticipant';
import { Composer } from './Composer';
import { EmergencyStep } from './EmergencyStep';
import { useI18n } from './i18n';
import { MESSAGES_ID, MessageList } from './MessageList';
import { Participants } from './Participants';
import { RecordExport } from './RecordExport';
import { BackButton, ConfirmButton, Loading, ScreenTitle, Time } from './ui';

export interface ConversationScreenProps {
  app: AppModel;
  conversationId: string;
  /** The list it was opened from ('' = my own list), where it can be archived (R10). */
  via?: string;
  focus?: boolean;
  onBack?: () => void;
}

/**
 * R7: the whole history, a page at a time. The button keeps focus while a page
 * loads (aria-disabled, not disabled, which would drop focus); once the first
 * message is reached it goes away and focus moves to the messages.
 */
function EarlierMessages({ onLoad }: { onLoad: () => Promise<boolean> }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  return (
    <button type="button" class="link earlier" aria-disabled={busy} onClick={async () => {
      if (busy) return;
      setBusy(true);
      try {
        await onLoad();
      } finally {
        setBusy(false);
      }
      requestAnimationFrame(() => {
        if (document.activeElement === document.body) document.getElementById(MESSAGES_ID)?.focus();
      });
    }}>
      {t('conversation.earlier')}
    </button>
  );
}

function HandoverTask({ network, conversation, onNetwork }: { network: Network | null; conversation: Conversation; onNetwork: () => void }) {
  const { t } = useI18n();
  const h = network?.handover;
  if (!h || h.conversationId !== conversation.id) return null;
  return (
    <section class={h.status === 'open' ? 'panel task' : 'panel'} aria-labelledby="handover-title">
      <h3 id="handover-title">{t('handover.title')}</h3>
      <p>{h.status === 'open' ? t('handover.open') : t('handover.done')}</p>
      <p class="small muted">
        {h.status === 'open' ? t('handover.requestedAt') : t('handover.completedAt')}{' '}
        <Time iso={h.status === 'open' ? h.requestedAt : (h.completedAt ?? h.requestedAt)} />
      </p>
      {h.status === 'open' && <button type="button" onClick={onNetwork}>{t('handover.toNetwork')}</button>}
    </section>
  );
}

export default function ConversationScreen({ app, conversationId, via, focus, onBack }: ConversationScreenProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const { conversation: cm, session } = app;
  const me = session.me.value!;
  const dir = session.directory.value;
  const v = cm.view.value;
  const network = cm.network.value;

  if (cm.restricted.value) {
    return (
      <section class="screen" aria-labelledby="conv-title">
        <BackButton onBack={onBack} />
        <ScreenTitle id="conv-title" focus={focus}>{t('conversation.title')}</ScreenTitle>
        <EmergencyStep onOpen={(reason) => cm.open(conversationId, reason)} />
      </section>
    );
  }
  if (!v || v.conversation.id !== conversationId) {
    return (
      <section class="screen">
        <BackButton onBack={onBack} />
        {cm.loading.value ? <Loading /> : <p class="empty">{t('conversation.unavailable')}</p>}
      </section>
    );
  }

  const conv = v.conversation;
  const people = new Map(dir?.professionals.map((p) => [p.id, p]) ?? []);
  const clientName = session.clientName(conv.clientId) ?? t('inbox.client');
  const writable = !v.readOnly && readsContents(me.professional) && isParticipant(conv, me.professional.id);
  const inboxChoices: Choice[] = (dir?.inboxes ?? [])
    .filter((i) => !conv.inboxes.some((c) => c.inboxId === i.id))
    .map((i) => ({ id: i.id, label: `${i.name} (${session.orgName(i.orgId) ?? ''})`, hint: i.guidelines }));
  const personChoices: Choice[] = (dir?.professionals ?? [])
    .filter((p) => p.isCareProfessional && !conv.participants.some((c) => c.id === p.id))
    .map((p) => ({ id: p.id, label: `${p.name} – ${t(`role.${p.role}`)}, ${session.orgName(p.orgId) ?? ''}` }));
  const listName = via ? session.inboxName(via) : via === '' ? t('nav.own') : undefined;
  const exportable = !v.emergency && mayExportConversation(me.professional, conv);

  return (
    <section class="screen conversation" aria-labelledby="conv-title">
      <BackButton onBack={onBack} />
      <ScreenTitle id="conv-title" focus={focus}>{conv.subject}</ScreenTitle>
      <p class="context">
        <button type="button" class="link" onClick={() => app.go({ name: 'client', id: conv.clientId })}>
          {t('conversation.client', { name: clientName })}
        </button>
        <span aria-hidden="true"> · </span>
        <button type="button" class="link" onClick={() => app.go({ name: 'network', id: conv.networkId })}>
          {t('conversation.network')}
        </button>
      </p>
      {v.readOnly && <p class="notice readonly" role="note">{t('conversation.readOnly')}</p>}
      {v.emergency && <p class="notice warning" role="note">{t('emergency.banner')}</p>}
      <HandoverTask network={network} conversation={conv} onNetwork={() => app.go({ name: 'network', id: conv.networkId })} />
      <Participants
        conversation={conv}
        person={(id) => people.get(id) ?? (id === me.professional.id ? me.professional : undefined)}
        orgName={session.orgName}
        inboxName={session.inboxName}
        clientName={clientName}
      />
      {v.earlier && <EarlierMessages onLoad={() => cm.loadEarlier()} />}
      <MessageList
        messages={v.messages}
        pending={cm.pending.value}
        meId={me.professional.id}
        onRetry={(id) => void cm.retry(id)}
        onDiscard={(id) => cm.discard(id)}
        load={(id, variant) => cm.file(id, variant)}
      />
      {writable && <Composer onSend={(text, files) => cm.send(text, files)} />}
      {(writable || listName || exportable) && (
        <section class="conv-actions" aria-label={t('conversation.actions')}>
          {writable && <AddParticipant inboxes={inboxChoices} people={personChoices} onAdd={(r) => cm.add(r)} />}
          {network && mayAddResident(me.professional, me.org, conv, network)
            ? <button type="button" onClick={() => void cm.addResident()}>{t('conversation.addResident')}</button>
            : writable && isGpPractice(me.org) && !isParticipant(conv, conv.clientId) && <p class="small muted">{t('conversation.residentLater')}</p>}
          {exportable && <RecordExport onExport={(scope) => cm.exportToRecord(scope)} status={app.status} latest={v.messages.at(-1)?.id ?? ''} />}
          {listName !== undefined && via !== undefined && (
            <ConfirmButton
              label={t('conversation.archiveIn', { list: listName })}
              question={via ? t('conversation.archiveSharedQuestion', { list: listName }) : t('conversation.archiveOwnQuestion')}
              confirm={t('inbox.archive')}
              onConfirm={async () => {
                if (await app.inbox.archive({ conversationId: conv.id, via }, true)) onBack?.();
              }}
            />
          )}
        </section>
      )}
    </section>
  );
}
