import { isLang, type Lang } from '../lib/i18n';
import { toViewTarget, type ViewTarget } from '../widget/protocol';

/** What the loader put in the embed page's URL. The server checked `org` and `host` before sending the page. */
export interface EmbedParams {
  /** The intranet page's origin: the only one this page talks to. Empty when opened on its own. */
  host: string;
  org: string;
  lang: Lang;
  launcher: boolean;
  target: ViewTarget;
}

export function readParams(search: string): EmbedParams {
  const q = new URLSearchParams(search);
  const get = (k: string) => q.get(k) || undefined;
  let host = '';
  try {
    const h = get('host');
    // Only an origin, exactly as `location.origin` spells it.
    if (h && new URL(h).origin === h) host = h;
  } catch {
    host = '';
  }
  const lang = get('lang');
  return {
    host,
    org: get('org') ?? '',
    lang: isLang(lang) ? lang : 'nl',
    launcher: q.get('mode') === 'launcher',
    target: toViewTarget({ view: get('view') ?? 'inbox', inbox: get('inbox'), conversation: get('conversation'), to: get('to') })
      ?? { view: 'inbox' },
  };
}
