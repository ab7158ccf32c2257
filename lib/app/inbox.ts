import { signal, type ReadonlySignal } from '@preact/signals';
import type { OpOutput } from '../contract/operations';
import type { InboxItem } from '../domain';
import type { Caller } from './call';
import type { StatusModel } from './status';
import { PAGE_SIZE } from './first-screen';

type Cursor = NonNullable<OpOutput<'listInbox'>['next']>;

/** One list at a time: my own (`via` '') or a shared inbox; paged, newest first; unread counts for all. */
export interface InboxModel {
  via: ReadonlySignal<string>;
  archived: ReadonlySignal<boolean>;
  items: ReadonlySignal<InboxItem[]>;
  hasMore: ReadonlySignal<boolean>;
  loading: ReadonlySignal<boolean>;
  counts: ReadonlySignal<Record<string, number>>;
  show(via: string, archived?: boolean): Promise<void>;
  more(): Promise<void>;
  refresh(): Promise<void>;
  refreshCounts(): Promise<void>;
  /** R10: in a shared inbox this hides (or restores) the conversation for all its members. */
  archive(item: Pick<InboxItem, 'conversationId' | 'via'>, archived: boolean): Promise<boolean>;
}

export function createInboxModel(call: Caller, status: StatusModel): InboxModel {
  const via = signal('');
  const archived = signal(false);
  const items = signal<InboxItem[]>([]);
  const next = signal<Cursor | null>(null);
  const hasMore = signal(false);
  const loading = signal(false);
  const counts = signal<Record<string, number>>({});
  let ticket = 0;

  async function page(before?: Cursor) {
    const mine = ++ticket;
    loading.value = true;
    const r = await call('listInbox', { via: via.value, archived: archived.value, before, limit: PAGE_SIZE });
    if (mine !== ticket) return;
    loading.value = false;
    if (!r.ok) {
      if (!before) items.value = [];
      hasMore.value = false;
      return;
    }
    items.value = before ? [...items.value, ...r.value.items] : r.value.items;
    next.value = r.value.next;
    hasMore.value = r.value.next !== null;
  }

  const model: InboxModel = {
    via,
    archived,
    items,
    hasMore,
    loading,
    counts,
    async show(v, arch = false) {
      if (v !== via.value || arch !== archived.value) items.value = [];
      via.value = v;
      archived.value = arch;
      await page();
    },
    async more() {
      if (next.value) await page(next.value);
    },
    async refresh() {
      await Promise.all([page(), model.refreshCounts()]);
    },
    async refreshCounts() {
      const r = await call('unreadCounts', {}, { quiet: true });
      if (r.ok) counts.value = r.value.counts;
    },
    async archive(item, arch) {
      const r = await call('archive', { conversationId: item.conversationId, via: item.via, archived: arch });
      if (!r.ok) return false;
      items.value = items.value.filter((i) => !(i.conversationId === item.conversationId && i.via === item.via));
      status.done(arch ? (item.via ? 'inbox.archivedShared' : 'inbox.archivedOwn') : 'inbox.restored');
      void model.refreshCounts();
      return true;
    },
  };
  return model;
}
