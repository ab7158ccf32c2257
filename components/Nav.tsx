import type { Route } from '../lib/app/router';
import type { SharedInbox } from '../lib/domain';
import { useI18n } from './i18n';

export interface NavProps {
  route: Route;
  inboxes: SharedInbox[];
  counts: Record<string, number>;
  canManage: boolean;
  onGo: (route: Route) => void;
}

/** My own list, each shared inbox I am in (with unread counts), clients, the directory, management. */
export function Nav({ route, inboxes, counts, canManage, onGo }: NavProps) {
  const { t } = useI18n();
  const via = route.name === 'inbox' ? route.via : route.name === 'conversation' ? route.via : undefined;
  const section = ['client', 'network', 'newConversation', 'clients'].includes(route.name) ? 'clients' : route.name;
  const item = (key: string, label: string, target: Route, current: boolean, count?: number) => (
    <li key={key}>
      <button type="button" aria-current={current ? 'page' : undefined} onClick={() => onGo(target)}>
        <span>{label}</span>
        {!!count && (
          <>
            <span class="badge" aria-hidden="true">{count}</span>
            <span class="sr-only">{t('nav.unread', { n: count })}</span>
          </>
        )}
      </button>
    </li>
  );
  return (
    <nav aria-label={t('nav.label')} class="nav">
      <ul class="nav-lists" aria-label={t('nav.lists')}>
        {item('own', t('nav.own'), { name: 'inbox', via: '' }, route.name === 'inbox' && via === '', counts[''])}
        {inboxes.map((i) => item(i.id, i.name, { name: 'inbox', via: i.id }, route.name === 'inbox' && via === i.id, counts[i.id]))}
      </ul>
      <ul class="nav-sections">
        {item('clients', t('nav.clients'), { name: 'clients' }, section === 'clients')}
        {item('directory', t('nav.directory'), { name: 'directory' }, section === 'directory')}
        {canManage && item('admin', t('nav.admin'), { name: 'admin' }, section === 'admin')}
      </ul>
    </nav>
  );
}
