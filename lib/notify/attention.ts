import type { Backend } from '../backend/port';
import type { I18n } from '../i18n';
import { badgeText } from './badge';
import { findNews, type ListPage } from './news';
import { notificationId } from './open-request';
import { asMuted, asSeen, mutedListsItem, seenItem } from './settings';

/** At most this many notifications at once; more news than that is what the badge is for. */
const MAX_NOTIFICATIONS = 3;

export interface AttentionDeps {
  backend: Backend;
  /** Whose lists these are (an outbox author), or null when nobody is signed in. */
  author: string | null;
  /** A server session's first look tells nothing; training tells what another demo person wrote meanwhile. */
  quietFirstLook: boolean;
  i18n: I18n;
  setBadge(text: string): Promise<void>;
  /** Never given message text: notifications show on lock screens. */
  notify(id: string, title: string, body: string): Promise<void>;
}

/**
 * The badge and desktop notifications, from the backend alone (the panel may
 * be closed): unread counts for the badge; for each list with unread items,
 * its first page, to tell what is new since the last look.
 */
export async function refreshAttention(d: AttentionDeps): Promise<void> {
  if (!d.author) return d.setBadge('');
  const counts = await d.backend.call('unreadCounts', {});
  if (!counts.ok) {
    // Unreachable: keep the last count rather than pretend there is nothing.
    if (counts.code !== 'unavailable' && counts.code !== 'rate-limited') await d.setBadge('');
    return;
  }
  await d.setBadge(badgeText(counts.value));

  const pages: ListPage[] = [];
  for (const [via, n] of Object.entries(counts.value)) {
    if (!n) continue;
    const page = await d.backend.call('listInbox', { via, limit: 10 });
    if (page.ok) pages.push({ via, items: page.value.items });
  }
  const all = asSeen(await seenItem.getValue());
  const before = all[d.author];
  const { news, seen } = findNews(before, pages, {
    quiet: !before && d.quietFirstLook,
    muted: new Set(asMuted(await mutedListsItem.getValue())),
  });
  if (JSON.stringify(seen) !== JSON.stringify(before ?? {}) || !before) await seenItem.setValue({ ...all, [d.author]: seen });
  if (!news.length) return;

  const session = await d.backend.call('session', {});
  const inboxName = (via: string) =>
    via ? (session.ok ? session.value.inboxes.find((i) => i.id === via)?.name : undefined) ?? d.i18n.t('nav.lists') : d.i18n.t('nav.own');
  for (const n of news.slice(0, MAX_NOTIFICATIONS)) {
    await d.notify(notificationId(d.author, n.conversationId), d.i18n.t('notify.newMessage', { list: inboxName(n.via) }), n.subject);
  }
}
