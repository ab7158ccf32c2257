import { storage } from 'wxt/utils/storage';
import { readManaged } from '../extension/settings';
import { withBuiltIns } from './adapters';
import { parseAdapters, type EhrAdapter } from './schema';

/** Adapters configured on the options page: the JSON value of an `EhrAdapter[]`, validated on every read. */
export const configuredAdaptersItem = storage.defineItem<unknown>('local:ehrAdapters');

async function readValid(read: () => Promise<unknown>): Promise<EhrAdapter[]> {
  try {
    const value = await read();
    if (value === null || value === undefined) return [];
    const parsed = parseAdapters(value);
    if (parsed.ok) return parsed.adapters;
    console.warn('Netwerkzorg: ignoring invalid EHR adapters', parsed.issues);
  } catch {
    // Storage unreadable (the extension is being reloaded): no adapters from it this time.
  }
  return [];
}

/** Adapters an organisation's IT set by policy (validated there); they win over the options page. */
export async function managedAdapters(): Promise<EhrAdapter[]> {
  return (await readManaged()).ehrAdapters ?? [];
}

/** Managed adapters first, then configured ones, then the built-in demo adapters; the first with an id wins. */
export async function loadAdapters(): Promise<EhrAdapter[]> {
  const [managed, configured] = await Promise.all([managedAdapters(), readValid(() => configuredAdaptersItem.getValue())]);
  const ids = new Set(managed.map((a) => a.id));
  return withBuiltIns([...managed, ...configured.filter((a) => !ids.has(a.id))]);
}
