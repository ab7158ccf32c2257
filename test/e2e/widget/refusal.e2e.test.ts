import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../server/helpers';
import { launchBrowser } from '../support/extension';
import { hostHtml, pageServer, strictCsp, widgetServer, type PageServer } from './support';

/**
 * Only the intranet origins an organisation registered may show its widget:
 * a page anywhere else gets the server's refusal (frame-ancestors), so no
 * sign-in form to phish with and nothing to click through (clickjacking).
 */
describe('widget on a page that is not allowed', () => {
  let server: TestServer;
  let allowed: PageServer;
  let other: PageServer;
  let browser: Browser;

  beforeAll(async () => {
    allowed = await pageServer();
    other = await pageServer();
    server = await widgetServer({ 'org-hap-lombok': [allowed.origin] });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await allowed?.close();
    await other?.close();
    await server?.region.dispose();
  });

  /** Whether any frame of the page holds the embed page's app (a sign-in form, a list). */
  async function workingFrames(page: Page) {
    let n = 0;
    for (const f of page.frames()) {
      if (f === page.mainFrame()) continue;
      const app = await f.evaluate(() => document.getElementById('app')?.childElementCount ?? 0).catch(() => 0);
      if (app > 0) n++;
    }
    return n;
  }

  async function open(html: string) {
    const page = await browser.newPage();
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/frame-ancestors|Refused to frame/i.test(m.text())) refused.push(m.text());
    });
    other.page('/', html, { 'Content-Security-Policy': strictCsp(server.url) });
    await page.goto(`${other.origin}/`);
    return { page, refused };
  }

  it('the loader on another origin gets no working frame and says it cannot be shown here', async () => {
    const { page, refused } = await open(hostHtml(server.url, { org: 'org-hap-lombok', view: 'inbox', inbox: 'inbox-assistentes' }));
    await page.getByText('Netwerkzorg kan op deze pagina niet worden getoond').waitFor({ timeout: 15_000 });
    expect(await workingFrames(page)).toBe(0);
    expect(refused.length).toBeGreaterThan(0);
    await page.close();
  });

  it('a hand-made iframe that claims an allowed host is refused by frame-ancestors too', async () => {
    const src = `${server.url}/embed/?org=org-hap-lombok&host=${encodeURIComponent(allowed.origin)}&view=inbox`;
    const { page, refused } = await open(`<!doctype html><title>x</title><iframe src="${src}" title="x"></iframe>`);
    await expect.poll(() => refused.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await workingFrames(page)).toBe(0);
    await page.close();
  });

  it('an organisation that allowed no origin, or none named, gets the refusal page', async () => {
    for (const query of ['org=org-zorgzaam', 'org=', 'org=org-hap-lombok']) {
      const res = await fetch(`${server.url}/embed/?${query}&host=${encodeURIComponent(other.origin)}`);
      expect(res.status, query).toBe(403);
      expect(res.headers.get('content-security-policy'), query).toContain("frame-ancestors 'none'");
      expect(await res.text(), query).not.toContain('<script');
    }
  });

  it('the allowed origin gets a working frame from the same server', async () => {
    const page = await browser.newPage();
    allowed.page('/', hostHtml(server.url, { org: 'org-hap-lombok', view: 'inbox' }), { 'Content-Security-Policy': strictCsp(server.url) });
    await page.goto(`${allowed.origin}/`);
    await expect.poll(() => workingFrames(page), { timeout: 15_000 }).toBe(1);
    await page.close();
  });
});
