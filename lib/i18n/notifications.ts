import { fill } from './fill';
import type { Lang } from './lang';

/**
 * The only texts the background shows: its desktop notifications (R19: which
 * list, never what or who). Apart from the dictionaries, which take them from
 * here, so the service worker, which evaluates all of its code each time it
 * wakes, does not carry every screen's texts in both languages.
 */
export const NOTIFICATION_TEXTS = {
  nl: { 'nav.lists': 'Lijsten', 'nav.own': 'Mijn lijst', 'notify.title': 'Nieuw bericht in Netwerkzorg', 'notify.newMessage': 'In: {list}' },
  en: { 'nav.lists': 'Lists', 'nav.own': 'My list', 'notify.title': 'New message in Netwerkzorg', 'notify.newMessage': 'In: {list}' },
} as const satisfies Record<Lang, Record<string, string>>;

export type NotificationKey = keyof typeof NOTIFICATION_TEXTS.nl;

export interface NotificationTexts {
  t(key: NotificationKey, params?: Record<string, string>): string;
}

export const notificationTexts = (lang: Lang): NotificationTexts => ({
  t: (key, params) => fill(NOTIFICATION_TEXTS[lang][key], params),
});
