/**
 * What the loader (on the intranet page) and the embed page (in its iframe,
 * on the server's origin) say to each other with postMessage. Deliberately
 * small: sizes, readiness and which screen to show — never message contents,
 * names or tokens, because the host page can read everything the loader gets.
 *
 * Each side posts with the other's exact origin as target and accepts a
 * message only when `event.origin` is that origin, `event.source` is the
 * expected window, and the data passes the checks below; anything else is
 * ignored without a word.
 */

/** Marks our messages, so other scripts' postMessage traffic on the page is left alone. */
export const PROTOCOL = 'netwerkzorg-widget/1';

/** The screens the widget can show. `write`: a new message to an organisation (its primary shared inbox first, R17). */
export type WidgetView = 'inbox' | 'conversation' | 'write';
export const VIEWS: readonly WidgetView[] = ['inbox', 'conversation', 'write'];

/** Which screen, with the ids it needs; the same fields the element's attributes and the embed page's URL carry. */
export interface ViewTarget {
  view: WidgetView;
  /** A shared inbox id (view `inbox`); absent = the user's own list. */
  inbox?: string;
  /** A conversation id (view `conversation`). */
  conversation?: string;
  /** The organisation to write to (view `write`). */
  to?: string;
}

/** Frame → loader. */
export type FrameMessage =
  | { protocol: typeof PROTOCOL; type: 'ready' }
  | { protocol: typeof PROTOCOL; type: 'resize'; height: number };

/** Loader → frame. */
export type HostMessage = { protocol: typeof PROTOCOL; type: 'navigate' } & ViewTarget;

/** Ids as the domain allows them (lib/domain/base.ts `Id`); anything longer or stranger is not one. */
const ID = /^[A-Za-z0-9_.:-]{1,64}$/;
export const MAX_HEIGHT = 20_000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optionalId = (v: unknown) => v === undefined || (typeof v === 'string' && ID.test(v));

export function isId(v: unknown): v is string {
  return typeof v === 'string' && ID.test(v);
}

/** A view target read from untrusted input (attributes, a URL, a message), or null. Unknown fields are dropped. */
export function toViewTarget(v: Record<string, unknown>): ViewTarget | null {
  if (!VIEWS.includes(v.view as WidgetView)) return null;
  if (!optionalId(v.inbox) || !optionalId(v.conversation) || !optionalId(v.to)) return null;
  const view = v.view as WidgetView;
  if (view === 'conversation' && v.conversation === undefined) return null;
  const target: ViewTarget = { view };
  if (view === 'inbox' && v.inbox !== undefined) target.inbox = v.inbox as string;
  if (view === 'conversation') target.conversation = v.conversation as string;
  if (view === 'write' && v.to !== undefined) target.to = v.to as string;
  return target;
}

export function parseFrameMessage(data: unknown): FrameMessage | null {
  if (!isObject(data) || data.protocol !== PROTOCOL) return null;
  if (data.type === 'ready') return { protocol: PROTOCOL, type: 'ready' };
  if (data.type === 'resize' && typeof data.height === 'number' && Number.isFinite(data.height) && data.height >= 0 && data.height <= MAX_HEIGHT) {
    return { protocol: PROTOCOL, type: 'resize', height: Math.ceil(data.height) };
  }
  return null;
}

export function parseHostMessage(data: unknown): HostMessage | null {
  if (!isObject(data) || data.protocol !== PROTOCOL || data.type !== 'navigate') return null;
  const target = toViewTarget(data);
  return target && { protocol: PROTOCOL, type: 'navigate', ...target };
}
