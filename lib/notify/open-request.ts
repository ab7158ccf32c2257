import { browser } from 'wxt/browser';

/**
 * A click on a new-message notification opens the panel on that
 * conversation. The background cannot reach into a panel that is still
 * loading, so it leaves the request in session storage (gone with the
 * browser) and whichever panel takes it first shows it. No zod here: the
 * panel loads this.
 */
const KEY = 'openConversation';

/** A new-message notification's id: whose list it is about (an outbox author) and which conversation. */
export const notificationId = (author: string, conversationId: string) => `${author}|${conversationId}`;

/** The conversation a notification is about; the author part may itself hold no '|', the conversation id never does. */
export function conversationOf(id: string): string | null {
  const at = id.lastIndexOf('|');
  return at < 0 ? null : id.slice(at + 1) || null;
}

export const askToOpen = (conversationId: string) => browser.storage.session.set({ [KEY]: conversationId });

/** In a panel: shows what a click asked for, now and whenever asked again; returns a stop function. */
export function followOpenRequests(open: (conversationId: string) => void): () => void {
  const take = async () => {
    const asked: unknown = (await browser.storage.session.get(KEY))[KEY];
    if (typeof asked !== 'string' || !asked) return;
    await browser.storage.session.remove(KEY);
    open(asked);
  };
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'session' && typeof changes[KEY]?.newValue === 'string') void take();
  };
  browser.storage.onChanged.addListener(onChanged);
  void take();
  return () => browser.storage.onChanged.removeListener(onChanged);
}
