import { browser } from 'wxt/browser';
import { ReadResult } from './schema';

/**
 * The one runtime message between the extension and the EHR content script.
 * The content script reads the page only when this arrives.
 */
export const READ_CONTEXT = 'ehr:read-context';
export interface ReadContextRequest {
  type: typeof READ_CONTEXT;
}

export function isReadContextRequest(message: unknown): message is ReadContextRequest {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === READ_CONTEXT;
}

/** What the side panel gets: the page's answer, or `not-readable` when no EHR content script runs in the tab. */
export type ContextAnswer = ReadResult | { ok: false; reason: 'not-readable' };

type Send = (tabId: number, message: ReadContextRequest) => Promise<unknown>;
const sendToTab: Send = (tabId, message) => browser.tabs.sendMessage(tabId, message);

/** Asks the tab's EHR content script for the client on screen. */
export async function requestClientContext(tabId: number, send: Send = sendToTab): Promise<ContextAnswer> {
  try {
    const answer = ReadResult.safeParse(await send(tabId, { type: READ_CONTEXT }));
    return answer.success ? answer.data : { ok: false, reason: 'not-readable' };
  } catch {
    // "Receiving end does not exist": not a page of a record system we read.
    return { ok: false, reason: 'not-readable' };
  }
}
