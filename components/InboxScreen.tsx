import type { InboxModel } from '../lib/app/inbox';
import type { Route } from '../lib/app/router';
import type { SessionModel } from '../lib/app/session';
import type { InboxItem } from '../lib/domain';
import { useI18n } from './i18n';
import { ScreenTitle, Time } from './ui';

export interface InboxListProps {
  items: InboxItem[];
  busy?: boolean;
  archived: boolean;
  shared: boolean;
  clientName: (id: string) => string | undefined;
  onOpen: (item: InboxItem) => void;
  onArchive: (item: InboxItem, archived: boolean) => void;
}

/** The rows of one list: subject, client, time; unread and open tasks (R18) stand out. */
export function InboxList({ items, busy, archived, shared, clientName, onOpen, onArchive }: InboxListProps) {
  const { t } = useI18n();
  return (
    <ul class="inbox-list" aria-label={t('inbox.conversations')} aria-busy={busy ? 'true' : 'false'}>
      {items.map((item) => (
        <li key={item.id} class={item.unread ? 'row unread' : 'row'}>
          <button type="button" class="row-open" onClick={() => onOpen(item)}>
            <span class="row-subject">
              {!!item.unread && <span class="dot" aria-hidden="true" />}
              {item.subject}
              {!!item.unread && <span class="sr-only"> ({t('inbox.unread')})</span>}
            </span>
            <span class="row-meta">
              <span>{clientName(item.clientId) ?? t('inbox.client')}</span>
              <span aria-hidden="true"> · </span>
              <Time iso={item.lastActivity} />
            </span>
            {item.openTask && <span class="tag task">{t('inbox.task')}</span>}
          </button>
          <button
            type="button"
            class="row-action"
            onClick={() => onArchive(item, !archived)}
            aria-label={t(archived ? 'inbox.restoreOne' : shared ? 'inbox.archiveOneShared' : 'inbox.archiveOne', { subject: item.subject })}
          >
            {t(archived ? 'inbox.restore' : 'inbox.archive')}
          </button>
        </li>
      ))}
    </ul>
  );
}

export function InboxScreen(props: { inbox: InboxModel; session: SessionModel; focus?: boolean; onOpen: (route: Route) => void }) {
  const { t } = useI18n();
  const { inbox, session } = props;
  const via = inbox.via.value;
  const archived = inbox.archived.value;
  const shared = session.me.value?.inboxes.find((i) => i.id === via);
  const items = inbox.items.value;
  const title = shared ? shared.name : t('nav.own');
  return (
    <section class="screen" aria-labelledby="inbox-title">
      <ScreenTitle id="inbox-title" focus={props.focus}>{title}</ScreenTitle>
      <p class="muted small">{shared ? t('inbox.sharedExplain') : t('inbox.ownExplain')}</p>
      <div class="segmented" role="group" aria-label={t('inbox.show')}>
        <button type="button" aria-pressed={!archived} onClick={() => void inbox.show(via, false)}>{t('inbox.current')}</button>
        <button type="button" aria-pressed={archived} onClick={() => void inbox.show(via, true)}>{t('inbox.archived')}</button>
      </div>
      {items.length === 0 && !inbox.loading.value && (
        <p class="empty">{archived ? t('inbox.emptyArchived') : t('inbox.empty')}</p>
      )}
      <InboxList
        items={items}
        busy={inbox.loading.value}
        archived={archived}
        shared={!!shared}
        clientName={session.clientName}
        onOpen={(item) => props.onOpen({ name: 'conversation', id: item.conversationId, via: item.via })}
        onArchive={(item, a) => void inbox.archive(item, a)}
      />
      {inbox.hasMore.value && (
        <button type="button" class="more" onClick={() => void inbox.more()} disabled={inbox.loading.value}>
          {t('inbox.more')}
        </button>
      )}
    </section>
  );
}
