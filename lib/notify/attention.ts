import type { Backend } from '../contract/port';
import type { NotificationTexts } from '../i18n/notifications';
import { badgeText } from './badge';
import { findNews, type ListPage } from './news';
import { notificationId } from './open-request';
import { readManaged } from '../extension/settings';
import { asSeen, notifies, readChoices, seenItem } from './settings';

/** At most this many notifications at once; more news than that is what the badge is for. */
const MAX_NOTIFICATIONS = 3;

export interface AttentionDeps {
  backend: Backend;
  /** Whose lists these are (an outbox author), or null when nobody is signed in. */
  author: string | null;
  /** A server session's first look tells nothing; training tells what another demo person wrote meanwhile. */
  quietFirstLook: boolean;
  /** The texts of its notifications, in the person's language. */
  texts: NotificationTexts;
  setBadge(text: string): Promise<void>;
  /** Never given client data (R19): notifications show on lock screens. */
  notify(id: string, title: string, body: string): Promise<void>;
}

/** Rows per list the background looks at for news. */
const NEWEST = 10;

/**
 * The badge and desktop notifications, from the backend alone (the panel may
 * be closed), in one request: the unread counts for the badge, and each
 * list's newest rows to tell what is new since the last look. R19: a
 * notification shows on lock screens, so it says only that something new
 * arrived and in which list, never the subject, client or sender.
 */
export async function refreshAttention(d: AttentionDeps): Promise<void> {
  if (!d.author) return d.setBadge('');
  // Asked by the background, not the person: it keeps no session awake (the idle limit counts what people do).
  const unread = await d.backend.call('unreadCounts', { newest: NEWEST }, { background: true });
  if (!unread.ok) {
    // Unreachable: keep the last count rather than pretend there is nothing.
    if (unread.code !== 'unavailable' && unread.code !== 'rate-limited') await d.setBadge('');
    return;
  }
  const { counts, newest } = unread.value;
  await d.setBadge(badgeText(counts));

  const pages: ListPage[] = Object.keys(counts).map((via) => ({ via, items: newest.filter((i) => i.via === via) }));
  const [stored, choices, policy] = await Promise.all([seenItem.getValue(), readChoices(), readManaged()]);
  const all = asSeen(stored);
  const before = all[d.author];
  const { news, seen } = findNews(before, pages, {
    quiet: !before && d.quietFirstLook,
    muted: new Set(pages.map((p) => p.via).filter((via) => !notifies(via, choices, policy))),
  });
  if (JSON.stringify(seen) !== JSON.stringify(before ?? {}) || !before) await seenItem.setValue({ ...all, [d.author]: seen });
  if (!news.length) return;

  const session = await d.backend.call('session', {}, { background: true });
  const inboxName = (via: string) =>
    via ? (session.ok ? session.value.inboxes.find((i) => i.id === via)?.name : undefined) ?? d.texts.t('nav.lists') : d.texts.t('nav.own');
  for (const n of news.slice(0, MAX_NOTIFICATIONS)) {
    await d.notify(notificationId(d.author, n.conversationId), d.texts.t('notify.title'), d.texts.t('notify.newMessage', { list: inboxName(n.via) }));
  }
}
