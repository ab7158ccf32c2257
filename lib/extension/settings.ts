import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import type { Lang } from '../i18n/lang';
import { parsePolicy, type Policy } from './policy';

/** Which backend the side panel uses: training mode (this browser only) or a server. */
export const BackendSetting = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('training') }),
  z.object({ kind: z.literal('server'), url: z.url({ protocol: /^https?$/ }) }),
]);
export type BackendSetting = z.infer<typeof BackendSetting>;


/** The user's language; Dutch unless chosen otherwise on the options page. */
export const languageItem = storage.defineItem<Lang>('local:language', { fallback: 'nl' });
/** The backend chosen on the options page. */
export const backendItem = storage.defineItem<BackendSetting, { chosen?: boolean }>('local:backend', { fallback: { kind: 'training' } });
/** The server session's token: in session storage, gone when the browser closes. */
export const tokenItem = storage.defineItem<string>('session:token');
/** The demo person training mode acts as, kept between panel openings. */
export const trainingPersonItem = storage.defineItem<string>('local:trainingActingAs');
/** Training mode only: every call answers "unavailable", to practise (and test) messages that wait in the outbox. */
export const trainingOfflineItem = storage.defineItem<boolean>('local:trainingOffline', { fallback: false });
/** Who is signed in to the server (professional id), kept with the token: names their outbox while the server is unreachable. */
export const serverIdentityItem = storage.defineItem<string>('session:serverIdentity');

export interface EffectiveLanguage {
  lang: Lang;
  /** Set by the organisation's policy: the options page shows it and cannot change it. */
  locked: boolean;
}

/** The policy's language if it sets one, else the user's own choice (Dutch unless chosen otherwise). */
export async function readLanguageSetting(): Promise<EffectiveLanguage> {
  // Both at once: the panel's first answer waits for this.
  const [policy, own] = await Promise.all([readManaged(), languageItem.getValue()]);
  if (policy.language) return { lang: policy.language, locked: true };
  return { lang: own === 'en' ? 'en' : 'nl', locked: false };
}

export const readLanguage = async (): Promise<Lang> => (await readLanguageSetting()).lang;

/**
 * What the organisation set by policy (lib/extension/policy.ts). Managed storage throws in Firefox
 * without a policy, and may hold anything: both read as "nothing set".
 */
export async function readManaged(): Promise<Policy> {
  try {
    return parsePolicy(await browser.storage.managed.get());
  } catch {
    return {};
  }
}

export interface EffectiveBackend {
  /** null: the organisation switched the training environment off and no server is set yet. */
  setting: BackendSetting | null;
  /** Set by the organisation's policy: the options page shows it and cannot change it. */
  locked: boolean;
  /** The organisation's policy may switch the training environment off. */
  trainingAllowed: boolean;
}

/** What the background uses: the policy's server (locked unless it says not), else the user's choice, never training where policy forbids it. */
export function effectiveBackend(policy: Policy, stored: unknown, chosen: boolean): EffectiveBackend {
  const trainingAllowed = policy.trainingAllowed !== false;
  const parsed = BackendSetting.safeParse(stored);
  const own = parsed.success && (trainingAllowed || parsed.data.kind !== 'training') ? parsed.data : null;
  if (policy.serverUrl) {
    const setting: BackendSetting = { kind: 'server', url: new URL(policy.serverUrl).origin };
    if (policy.lockServerUrl !== false) return { setting, locked: true, trainingAllowed };
    return { setting: own && chosen ? own : setting, locked: false, trainingAllowed };
  }
  return { setting: own ?? (trainingAllowed ? { kind: 'training' } : null), locked: false, trainingAllowed };
}

export async function readBackend(): Promise<EffectiveBackend> {
  // All read at once: the background reads them each time it wakes, before it can answer the panel.
  const [managed, stored, meta] = await Promise.all([readManaged(), backendItem.getValue(), backendItem.getMeta()]);
  return effectiveBackend(managed, stored, !!meta.chosen);
}

export async function saveBackend(setting: BackendSetting) {
  await backendItem.setValue(setting);
  await backendItem.setMeta({ chosen: true });
}
