import { browser } from 'wxt/browser';
import { loadAdapters } from './config';
import { adapterHostPatterns } from './hosts';

const SCRIPT_ID = 'ehr-configured-hosts';
/** Session storage: the host patterns the content script is registered on, after the last registration. */
export const REGISTERED_KEY = 'ehrRegisteredHosts';
/** The content script as WXT builds it (entrypoints/ehr.content.ts). */
const SCRIPT_FILE = 'content-scripts/ehr.js';

/**
 * Registers the EHR content script on the configured record systems' hosts
 * that the user (or the organisation) granted, and on no other. Run at start
 * and whenever adapters or granted permissions change; idempotent.
 */
export async function syncEhrContentScripts(): Promise<string[]> {
  const wanted = adapterHostPatterns(await loadAdapters());
  const granted: string[] = [];
  for (const pattern of wanted) {
    if (await browser.permissions.contains({ origins: [pattern] })) granted.push(pattern);
  }
  await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] }).catch(() => undefined);
  if (granted.length) {
    await browser.scripting.registerContentScripts([{ id: SCRIPT_ID, matches: granted, js: [SCRIPT_FILE], runAt: 'document_idle' }]);
  }
  // Which record systems are read now, for the options page (and a test) to see that the registration ran.
  await browser.storage.session.set({ [REGISTERED_KEY]: granted }).catch(() => undefined);
  return granted;
}

/** Keeps the registration in step with the adapters and the granted hosts. */
export function watchEhrContentScripts(): void {
  const sync = () => void syncEhrContentScripts().catch((e: unknown) => console.warn('Netwerkzorg: EHR content script registration failed', e));
  browser.permissions.onAdded.addListener(sync);
  browser.permissions.onRemoved.addListener(sync);
  browser.storage.onChanged.addListener((changes, area) => {
    if ((area === 'local' || area === 'managed') && 'ehrAdapters' in changes) sync();
  });
  // Off the first answer's path: a waking worker answers the panel first. Registrations persist meanwhile.
  setTimeout(sync, 2000);
}
