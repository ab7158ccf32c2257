import type { BrowserContext, Worker } from 'playwright-core';

/** The extension APIs the tests touch inside the service worker or a page, typed just enough for `evaluate`. */
export interface Chrome {
  action: { getBadgeText(details: object): Promise<string> };
  commands: { getAll(): Promise<{ name: string; shortcut: string }[]> };
  sidePanel: { getPanelBehavior(): Promise<{ openPanelOnActionClick?: boolean }> };
  storage: { local: { set(items: object): Promise<void> }; session: { get(key: string): Promise<Record<string, unknown>> } };
  notifications: { create(id: string, options: { title: string; message: string }): Promise<string> };
}

/** The extension's service worker of the moment (a new one after it was stopped). */
export async function serviceWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers().at(-1) ?? context.waitForEvent('serviceworker');
}

/** Runs `fn` in the service worker; one that was stopped meanwhile is replaced by the one the call wakes. */
export async function inServiceWorker<T, A = undefined>(context: BrowserContext, fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T> {
  const run = (w: Worker) => (w.evaluate as (f: typeof fn, a?: A) => Promise<T>).call(w, fn, arg);
  try {
    return await run(await serviceWorker(context));
  } catch {
    return run(await context.waitForEvent('serviceworker', { timeout: 5000 }));
  }
}

/**
 * Stops the extension's service worker, as Chrome does after 30 s idle, and
 * waits until it is stopped: everything it kept in memory is gone.
 * (DevTools protocol: close its target, watch its running status.)
 */
export async function stopServiceWorker(context: BrowserContext): Promise<void> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    const stopped = new Promise<void>((resolve) => {
      cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
        if (e.versions.some((v) => v.scriptURL.endsWith('/background.js') && v.runningStatus === 'stopped')) resolve();
      });
    });
    await cdp.send('ServiceWorker.enable');
    const { targetInfos } = await cdp.send('Target.getTargets');
    const workers = targetInfos.filter((t) => t.type === 'service_worker' && t.url.endsWith('/background.js'));
    if (!workers.length) return;
    for (const w of workers) await cdp.send('Target.closeTarget', { targetId: w.targetId });
    await Promise.race([stopped, new Promise((_, reject) => setTimeout(() => reject(new Error('service worker did not stop')), 5000))]);
    await cdp.detach();
  } finally {
    await page.close();
  }
}

/** Polls until `ok` holds (or fails with the last value seen); a costly probe asks less often. */
export async function eventually<T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000, everyMs = 100): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last = await probe();
  while (!ok(last)) {
    if (Date.now() > until) throw new Error(`still ${JSON.stringify(last)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
    last = await probe();
  }
  return last;
}

export const badgeText = (context: BrowserContext) =>
  inServiceWorker(context, () => (globalThis as unknown as { chrome: Chrome }).chrome.action.getBadgeText({}));
