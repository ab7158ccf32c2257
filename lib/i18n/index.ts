import type { RefusalCode } from '../domain/refusals';
import { fill } from './fill';
import type { Lang } from './lang';
import { nl } from './nl';
import type { CoreDictionary, MessageKey, Params, ScreensDictionary } from './types';

export type { CoreDictionary, Dictionary, MessageKey, Params, ScreensDictionary } from './types';
export type { Lang } from './lang';
export { fill } from './fill';
export const LANGS: readonly Lang[] = ['nl', 'en'];

export const isLang = (v: unknown): v is Lang => v === 'nl' || v === 'en';

/**
 * Everything a view needs to speak the user's language. Plain functions, no
 * browser API, so the embed page and tests can use it as the extension does.
 */
export interface I18n {
  lang: Lang;
  t<K extends MessageKey>(key: K, ...params: Params<K> extends never ? [] : [Record<Params<K>, string | number>]): string;
  /** For keys chosen at run time (e.g. a notice's key): placeholders are not type-checked. */
  format(key: MessageKey, params?: Record<string, string | number>): string;
  /** A message whose key is built from data (an audit action), or undefined when there is none. */
  maybe(key: string, params?: Record<string, string | number>): string | undefined;
  refusal(code: RefusalCode): string;
  /** The texts of the screens loaded on first use (a lazy screen waits for them). */
  loadScreens(): Promise<void>;
  readonly screensLoaded: boolean;
  date(iso: string): string;
  dateTime(iso: string): string;
  time(iso: string): string;
}

const locale = (lang: Lang) => (lang === 'nl' ? 'nl-NL' : 'en-GB');


/**
 * Dutch first-screen texts are built in; English is loaded only when chosen, and each language's
 * screen texts when a screen first needs them, so the panel and the widget start with little.
 */
export async function loadDictionary(lang: Lang): Promise<CoreDictionary> {
  return lang === 'en' ? (await import('./en')).en : nl;
}
const loadScreenTexts = async (lang: Lang): Promise<ScreensDictionary> =>
  lang === 'en' ? (await import('./en-screens')).enScreens : (await import('./nl-screens')).nlScreens;

/** `screens`: load the screens' texts now too (the options page, which shows many at once). */
export async function loadI18n(lang: Lang, options: { screens?: boolean } = {}): Promise<I18n> {
  const [core, screens] = await Promise.all([loadDictionary(lang), options.screens ? loadScreenTexts(lang) : undefined]);
  return createI18n(lang, core, screens);
}

export function createI18n(lang: Lang, core: CoreDictionary = nl, screens?: ScreensDictionary): I18n {
  const dict: Partial<Record<MessageKey, string>> = { ...core, ...screens };
  let loading: Promise<void> | null = screens ? Promise.resolve() : null;
  let loaded = !!screens;
  // A key whose text is not loaded yet reads as the key: never a crash, and visible in a test.
  const text = (key: MessageKey) => dict[key] ?? key;
  const dateFmt = new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: 'short', year: 'numeric' });
  const dateTimeFmt = new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  const timeFmt = new Intl.DateTimeFormat(locale(lang), { hour: '2-digit', minute: '2-digit' });
  return {
    lang,
    t: (key, ...params) => fill(text(key), params[0] as Record<string, string | number> | undefined),
    format: (key, params) => fill(text(key), params),
    maybe: (key, params) => (key in dict ? fill(text(key as MessageKey), params) : undefined),
    refusal: (code) => text(`refusal.${code}`),
    loadScreens() {
      loading ??= loadScreenTexts(lang).then((part) => {
        Object.assign(dict, part);
        loaded = true;
      });
      return loading;
    },
    get screensLoaded() {
      return loaded;
    },
    date: (iso) => dateFmt.format(new Date(iso)),
    dateTime: (iso) => dateTimeFmt.format(new Date(iso)),
    time: (iso) => timeFmt.format(new Date(iso)),
  };
}
