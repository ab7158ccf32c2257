import { sendToBackground } from '../extension/client';
import { readManaged } from '../extension/settings';
import { readChoices, saveChoices, type NotifyChoices, type NotifyPolicy } from './settings';

/** A list one can be notified about: '' is the person's own list, else a shared inbox's id. */
export interface NotifiableList {
  id: string;
  /** A shared inbox's name; absent for the own list (the view names it in the user's language). */
  name?: string;
}

/** What the options page shows and changes about desktop notifications; a test passes its own. */
export interface NotificationsStore {
  /** The lists of whoever is signed in (null: nobody, so nothing to choose yet), the user's choices and the organisation's policy. */
  load(): Promise<{ lists: NotifiableList[] | null; choices: NotifyChoices; policy: NotifyPolicy }>;
  save(choices: NotifyChoices): Promise<void>;
}

/** The extension's: the lists from the background's session, the choice in local storage (read by the background). */
export const runtimeNotificationsStore: NotificationsStore = {
  async load() {
    const [session, choices, { notifyByDefault, lockNotifications }] = await Promise.all([
      sendToBackground('call', { op: 'session', input: {} }).catch(() => null),
      readChoices(),
      readManaged(),
    ]);
    const policy = { notifyByDefault, lockNotifications };
    if (!session?.ok) return { lists: null, choices, policy };
    const { inboxes } = session.value as { inboxes: { id: string; name: string }[] };
    return { lists: [{ id: '' }, ...inboxes.map((i) => ({ id: i.id, name: i.name }))], choices, policy };
  },
  save: saveChoices,
};
