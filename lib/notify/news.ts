import type { InboxItem } from '../domain';

export interface ListPage {
  via: string;
  items: Pick<InboxItem, 'conversationId' | 'subject' | 'lastActivity' | 'unread'>[];
}

export interface News {
  via: string;
  conversationId: string;
  subject: string;
  lastActivity: string;
}

/**
 * Which unread conversations have activity newer than what was told before,
 * and the new high-water marks. On a first look (`quiet`) nothing is told:
 * signing in must not bring a burst of notifications for old messages.
 * Muted lists move their mark on but tell nothing.
 */
export function findNews(
  seen: Record<string, string> | undefined, pages: ListPage[], options: { quiet: boolean; muted: ReadonlySet<string> },
): { news: News[]; seen: Record<string, string> } {
  const next: Record<string, string> = { ...seen };
  const news: News[] = [];
  for (const { via, items } of pages) {
    const mark = seen?.[via] ?? '';
    for (const i of items) {
      if (i.lastActivity > (next[via] ?? '')) next[via] = i.lastActivity;
      if (options.quiet || options.muted.has(via) || !i.unread || i.lastActivity <= mark) continue;
      news.push({ via, conversationId: i.conversationId, subject: i.subject, lastActivity: i.lastActivity });
    }
  }
  news.sort((a, b) => (a.lastActivity < b.lastActivity ? 1 : -1));
  // A conversation in my own list and in a shared inbox is one piece of news.
  const once = news.filter((n, i) => news.findIndex((m) => m.conversationId === n.conversationId) === i);
  return { news: once, seen: next };
}
