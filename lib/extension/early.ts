import { browser } from 'wxt/browser';
import type { OpName } from '../contract/operations';
import { CHANNEL, type Envelope, type Reply } from './protocol';

/**
 * The first screen's requests, sent before the page's own code has loaded.
 * A sleeping service worker takes about as long to wake as the panel takes to
 * load its code: asked from a small script at the top of the page, the two
 * overlap instead of following each other (and an awake worker has answered
 * by the time the page can show it).
 */
export interface Early {
  hello: Promise<Reply | undefined>;
  calls: { op: OpName; input: unknown; reply: Promise<Reply | undefined> }[];
}

/** Where the early script leaves its requests for the page's code: one page, one global. */
const SLOT = '__netwerkzorgEarly';
type Slot = { [SLOT]?: Early };

const sendMessage = (message: Envelope) => browser.runtime.sendMessage(message) as Promise<Reply | undefined>;

/** Greets the background and asks for `calls` at once; the page's code takes them with `takeEarly`. */
export function askEarly(calls: readonly { op: OpName; input: unknown }[], ask = sendMessage): Early {
  const early: Early = {
    hello: ask({ channel: CHANNEL, type: 'hello', payload: {} }),
    calls: calls.map(({ op, input }) => ({ op, input, reply: ask({ channel: CHANNEL, type: 'call', payload: { op, input } }) })),
  };
  // A reply that fails is read where it is taken; unread, it must not show as an unhandled rejection.
  for (const p of [early.hello, ...early.calls.map((c) => c.reply)]) p.catch(() => undefined);
  (globalThis as Slot)[SLOT] = early;
  return early;
}

/** The early script's requests, once (a second taker gets nothing, so nothing is answered twice). */
export function takeEarly(): Early | undefined {
  const early = (globalThis as Slot)[SLOT];
  delete (globalThis as Slot)[SLOT];
  return early;
}
