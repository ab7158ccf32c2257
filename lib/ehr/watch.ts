import { browser } from 'wxt/browser';
import type { ContextAnswer } from './protocol';

/**
 * Where the record on screen comes from: in the side panel, the active tab
 * of the panel's window (`watchClientContext`, with `requestClientContext`
 * asked through the background). Hosts without tabs (the embed page) have none.
 */
export interface ContextSource {
  /** Reports what the active tab's page gives, now and whenever that may have changed; returns a stop function. */
  watch(onAnswer: (answer: ContextAnswer, tabId: number | undefined) => void): () => void;
  /** Asks one tab again, right before acting on what it showed. */
  read(tabId: number): Promise<ContextAnswer>;
}

export interface WatchOptions {
  /** The tab whose record the panel sits beside; the active tab of the panel's window. */
  activeTab?: () => Promise<number | undefined>;
  /** Asks one tab (`requestClientContext`, or the background doing that for the side panel, which then needs no zod). */
  request: (tabId: number) => Promise<ContextAnswer>;
}

const activeTabOfThisWindow = async () => (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;

/**
 * Tells the side panel which client is on screen: now, when another tab
 * becomes active, and when the active tab has loaded a new page. Returns a
 * function that stops watching. A record system that changes the client
 * without loading a page is not noticed: ask again (`requestClientContext`)
 * right before acting on the context.
 */
export function watchClientContext(onAnswer: (answer: ContextAnswer, tabId: number | undefined) => void, options: WatchOptions): () => void {
  const { activeTab = activeTabOfThisWindow, request } = options;
  let latest = 0;
  const check = async () => {
    const ticket = ++latest;
    const tabId = await activeTab().catch(() => undefined);
    const answer: ContextAnswer = tabId === undefined ? { ok: false, reason: 'not-readable' } : await request(tabId);
    // An earlier, slower answer must not replace a newer one.
    if (ticket === latest) onAnswer(answer, tabId);
  };
  const onActivated = () => void check();
  const onUpdated = (_tabId: number, change: { status?: string }, tab: { active?: boolean }) => {
    if (tab.active && change.status === 'complete') void check();
  };
  browser.tabs.onActivated.addListener(onActivated);
  browser.tabs.onUpdated.addListener(onUpdated);
  void check();
  return () => {
    latest++;
    browser.tabs.onActivated.removeListener(onActivated);
    browser.tabs.onUpdated.removeListener(onUpdated);
  };
}
