import { sendToBackground } from '../extension/client';
import { asMuted, mutedListsItem } from './settings';

/** A list one can be notified about: '' is the person's own list, else a shared inbox's id. */
export interface NotifiableList {
  id: string;
  /** A shared inbox's name; absent for the own list (the view names it in the user's language). */
  name?: string;
}

/** What the options page shows and changes about desktop notifications; a test passes its own. */
export interface NotificationsStore {
  /** The lists of whoever is signed in (null: nobody, so nothing to choose yet) and which are muted. */
  load(): Promise<{ lists: NotifiableList[] | null; muted: string[] }>;
  setMuted(muted: string[]): Promise<void>;
}

/** The extension's: the lists from the background's session, the choice in local storage (read by the background). */
export const runtimeNotificationsStore: NotificationsStore = {
  async load() {
    const [session, muted] = await Promise.all([
      sendToBackground('call', { op: 'session', input: {} }).catch(() => null),
      mutedListsItem.getValue().then(asMuted),
    ]);
    if (!session?.ok) return { lists: null, muted };
    const { inboxes } = session.value as { inboxes: { id: string; name: string }[] };
    return { lists: [{ id: '' }, ...inboxes.map((i) => ({ id: i.id, name: i.name }))], muted };
  },
  setMuted: (muted) => mutedListsItem.setValue(muted),
};
