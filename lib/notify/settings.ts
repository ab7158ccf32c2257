import { storage } from 'wxt/utils/storage';

/** Lists ('' = my own list, else a shared inbox's id) the user wants no desktop notifications for; all others notify. */
export const mutedListsItem = storage.defineItem<string[]>('local:notifyMuted', { fallback: [] });

/** Per author (outbox naming) and list: the newest activity already told about, so a message is announced once. */
export type Seen = Record<string, Record<string, string>>;
export const seenItem = storage.defineItem<Seen>('local:notifySeen', { fallback: {} });
