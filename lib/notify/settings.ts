import { storage } from 'wxt/utils/storage';

/** Lists ('' = my own list, else a shared inbox's id) the user wants no desktop notifications for; all others notify. */
export const mutedListsItem = storage.defineItem<string[]>('local:notifyMuted', { fallback: [] });

/** Per author (outbox naming) and list: the newest activity already told about, so a message is announced once. */
export type Seen = Record<string, Record<string, string>>;
export const seenItem = storage.defineItem<Seen>('local:notifySeen', { fallback: {} });

/** What storage gave back, as a list of list ids (anything else reads as "nothing muted"). */
export const asMuted = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** What storage gave back, as marks per author and list (anything malformed is dropped). */
export function asSeen(v: unknown): Seen {
  if (!v || typeof v !== 'object') return {};
  const out: Seen = {};
  for (const [author, marks] of Object.entries(v)) {
    if (!marks || typeof marks !== 'object') continue;
    out[author] = Object.fromEntries(Object.entries(marks).filter(([, at]) => typeof at === 'string')) as Record<string, string>;
  }
  return out;
}
