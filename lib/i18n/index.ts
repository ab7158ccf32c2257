import type { RefusalCode } from '../domain/refusals';
import type { Lang } from './lang';
import { nl } from './nl';
import type { Dictionary, MessageKey, Params } from './types';

export type { Dictionary, MessageKey, Params } from './types';
export type { Lang } from './lang';
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
  date(iso: string): string;
  dateTime(iso: string): string;
  time(iso: string): string;
}

const locale = (lang: Lang) => (lang === 'nl' ? 'nl-NL' : 'en-GB');

export function fill(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (all, name: string) => (name in params ? String(params[name]) : all));
}

/** Dutch is built in; English is loaded only when chosen, so the panel starts with one dictionary. */
export async function loadDictionary(lang: Lang): Promise<Dictionary> {
  return lang === 'en' ? (await import('./en')).en : nl;
}

export async function loadI18n(lang: Lang): Promise<I18n> {
  return createI18n(lang, await loadDictionary(lang));
}

export function createI18n(lang: Lang, dict: Dictionary = nl): I18n {
  const dateFmt = new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: 'short', year: 'numeric' });
  const dateTimeFmt = new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  const timeFmt = new Intl.DateTimeFormat(locale(lang), { hour: '2-digit', minute: '2-digit' });
  return {
    lang,
    t: (key, ...params) => fill(dict[key], params[0] as Record<string, string | number> | undefined),
    format: (key, params) => fill(dict[key], params),
    maybe: (key, params) => (key in dict ? fill(dict[key as MessageKey], params) : undefined),
    refusal: (code) => dict[`refusal.${code}`],
    date: (iso) => dateFmt.format(new Date(iso)),
    dateTime: (iso) => dateTimeFmt.format(new Date(iso)),
    time: (iso) => timeFmt.format(new Date(iso)),
  };
}
