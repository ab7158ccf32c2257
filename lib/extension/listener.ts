import type { Envelope, Reply } from './protocol';
import { isForUs, parseRequest } from './schema';
import { isOwnPage, type SenderLike } from './sender';

export type Listener = (message: unknown, sender: SenderLike, sendResponse: (reply: Reply) => void) => boolean;

/**
 * The background's `runtime.onMessage` listener: our channel only; from the
 * extension's own pages only; every message validated before it is handled.
 * Answers through `sendResponse` (and `return true`), which Chrome and
 * Firefox both keep open for an asynchronous answer.
 */
export function createRequestListener(
  handle: (request: Envelope) => Promise<unknown>,
  own: { runtimeId: string; ownBase: string },
  log: (...args: unknown[]) => void = console.warn,
): Listener {
  return (message, sender, sendResponse) => {
    // Not ours, or one of our own events going out to the pages: another listener's business.
    if (!isForUs(message) || 'event' in (message as object)) return false;
    if (!isOwnPage(sender, own.runtimeId, own.ownBase)) {
      log('netwerkzorg: refused a message from', sender?.url ?? 'an unknown sender');
      sendResponse({ ok: false, error: 'refused-sender' });
      return false;
    }
    const parsed = parseRequest(message);
    if (!parsed.ok) {
      sendResponse({ ok: false, error: 'invalid-request', detail: parsed.detail });
      return false;
    }
    handle(parsed.request).then(
      (answer) => sendResponse({ ok: true, answer } as Reply),
      (e: unknown) => {
        console.error(`netwerkzorg: ${parsed.request.type} failed`, e);
        sendResponse({ ok: false, error: 'failed', detail: e instanceof Error ? e.message : String(e) });
      },
    );
    return true;
  };
}
