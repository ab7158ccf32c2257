import type { BrowserContext, CDPSession, Page } from 'playwright-core';

/** One file an extension page loaded, with page times (ms since its navigation start). */
export interface Loaded { path: string; start: number; end: number }

/**
 * Opens `url` in a new tab of the given width, watching its requests through
 * the DevTools protocol (Playwright's own request events carry no times).
 * `before` runs just before navigating (e.g. to start the profiler on the same
 * DevTools session, or add an init script to this page only). `loads()` returns the files it loaded so far.
 */
export async function openWatched(
  context: BrowserContext, url: string, width: number, before?: (cdp: CDPSession, page: Page) => Promise<void>,
): Promise<{ page: Page; cdp: CDPSession; loads(): Promise<Loaded[]> }> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 800 });
  const cdp = await context.newCDPSession(page);
  const sent = new Map<string, { url: string; wall: number; ts: number }>();
  const finished = new Map<string, number>();
  cdp.on('Network.requestWillBeSent', (e) => sent.set(e.requestId, { url: e.request.url, wall: e.wallTime, ts: e.timestamp }));
  cdp.on('Network.loadingFinished', (e) => finished.set(e.requestId, e.timestamp));
  await cdp.send('Network.enable');
  await before?.(cdp, page);
  await page.goto(url);
  return {
    page,
    cdp,
    async loads() {
      const origin = (await page.evaluate('performance.timeOrigin')) as number;
      return [...sent].map(([id, r]) => {
        const start = r.wall * 1000 - origin;
        const end = finished.has(id) ? start + (finished.get(id)! - r.ts) * 1000 : NaN;
        return { path: new URL(r.url).pathname.replace(/^\//, ''), start, end };
      }).filter((l) => l.path !== '' && !l.path.endsWith('.html'));
    },
  };
}
