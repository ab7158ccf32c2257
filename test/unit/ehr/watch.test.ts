import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ContextAnswer } from '../../../lib/ehr/protocol';
import { watchClientContext } from '../../../lib/ehr/watch';

const answerFor = (tabId: number): ContextAnswer => ({ ok: false, reason: 'no-client', system: `tab ${tabId}` });
/** Only what the watcher looks at. */
const tab = (active: boolean) => ({ active }) as Browser.tabs.Tab;
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('watching the client on screen', () => {
  let active: number | undefined;
  const seen: [ContextAnswer, number | undefined][] = [];
  const options = { activeTab: async () => active, request: async (tabId: number) => answerFor(tabId) };

  beforeEach(() => {
    fakeBrowser.reset();
    active = 1;
    seen.length = 0;
  });

  it('asks at once, when another tab becomes active and when the active tab has loaded', async () => {
    const stop = watchClientContext((a, t) => seen.push([a, t]), options);
    await settle();
    active = 2;
    await fakeBrowser.tabs.onActivated.trigger({ tabId: 2, windowId: 1 });
    await settle();
    await fakeBrowser.tabs.onUpdated.trigger(2, { status: 'loading' }, tab(true));
    await fakeBrowser.tabs.onUpdated.trigger(3, { status: 'complete' }, tab(false));
    await fakeBrowser.tabs.onUpdated.trigger(2, { status: 'complete' }, tab(true));
    await settle();
    expect(seen).toEqual([[answerFor(1), 1], [answerFor(2), 2], [answerFor(2), 2]]);
    stop();
  });

  it('says not readable when there is no active tab', async () => {
    active = undefined;
    const stop = watchClientContext((a, t) => seen.push([a, t]), options);
    await settle();
    expect(seen).toEqual([[{ ok: false, reason: 'not-readable' }, undefined]]);
    stop();
  });

  it('drops an answer overtaken by a newer one', async () => {
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const request = vi.fn(async (tabId: number) => {
      if (tabId === 1) await slow;
      return answerFor(tabId);
    });
    const stop = watchClientContext((a, t) => seen.push([a, t]), { ...options, request });
    active = 2;
    await fakeBrowser.tabs.onActivated.trigger({ tabId: 2, windowId: 1 });
    await settle();
    release();
    await settle();
    expect(seen).toEqual([[answerFor(2), 2]]);
    stop();
  });

  it('stops listening when stopped', async () => {
    const stop = watchClientContext((a, t) => seen.push([a, t]), options);
    stop();
    await fakeBrowser.tabs.onActivated.trigger({ tabId: 2, windowId: 1 });
    await settle();
    expect(seen).toEqual([]);
  });
});
