import { storage } from 'wxt/utils/storage';

/** Lists ('' = my own list, else a shared inbox's id) the user switched desktop notifications off for. */
export const mutedListsItem = storage.defineItem<string[]>('local:notifyMuted', { fallback: [] });
/** Lists the user switched them on for: they notify also where the organisation's default is off. */
export const enabledListsItem = storage.defineItem<string[]>('local:notifyEnabled', { fallback: [] });

/** The user's own choices per list; a list in neither follows the organisation's default. */
export interface NotifyChoices {
  muted: string[];
  enabled: string[];
}

/** What the organisation's policy says about notifications (lib/extension/policy.ts). */
export interface NotifyPolicy {
  notifyByDefault?: boolean;
  lockNotifications?: boolean;
}

/** Whether a list gives desktop notifications: a locked default leaves no choice; else the user's choice, else the default (on unless the organisation set it off). */
export function notifies(list: string, choices: NotifyChoices, policy: NotifyPolicy): boolean {
  const byDefault = policy.notifyByDefault !== false;
  if (policy.lockNotifications) return byDefault;
  if (choices.enabled.includes(list)) return true;
  if (choices.muted.includes(list)) return false;
  return byDefault;
}

/** The choices after the user switched one list on or off. */
export function choose(choices: NotifyChoices, list: string, on: boolean): NotifyChoices {
  const muted = choices.muted.filter((l) => l !== list);
  const enabled = choices.enabled.filter((l) => l !== list);
  return on ? { muted, enabled: [...enabled, list] } : { muted: [...muted, list], enabled };
}

/** The stored choices, whatever storage gave back. */
export async function readChoices(): Promise<NotifyChoices> {
  const [muted, enabled] = await Promise.all([mutedListsItem.getValue(), enabledListsItem.getValue()]);
  return { muted: asMuted(muted), enabled: asMuted(enabled) };
}

export const saveChoices = (c: NotifyChoices) => Promise.all([mutedListsItem.setValue(c.muted), enabledListsItem.setValue(c.enabled)]).then(() => undefined);

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
