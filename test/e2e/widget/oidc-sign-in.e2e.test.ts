import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../server/pg-cluster';
import { signInAtProviderPage, ssoRegion, type SsoRegion } from '../../server/support/oidc';
import { launchBrowser } from '../support/extension';
import { hostHtml, pageServer, strictCsp, widgetDir, widgetFrame, type PageServer } from './support';

/** Records every message the intranet page's window receives, to show the one-time code never reaches it. */
const HOST_LISTENER = `(() => {
  globalThis.__heard = [];
  addEventListener('message', (e) => globalThis.__heard.push(JSON.stringify(e.data)));
})();`;

// `UPDATE_SCREENSHOTS=1` writes the widget's sign-in with the organisation's button to docs/screenshots/.
const DIR = process.env.UPDATE_SCREENSHOTS ? resolve('docs/screenshots') : mkdtempSync(join(tmpdir(), 'nz-screens-'));

/**
 * Issue 15 in the widget: "Aanmelden met uw organisatie" inside the frame on an intranet page opens a
 * popup (providers refuse to be framed) to a real OpenID provider on loopback; the popup comes back
 * to the server's return page, hands the code to the frame only, and the frame shows the person's list.
 */
describe('issue 15: signing in with the organisation\'s account in the widget', () => {
  let region: SsoRegion;
  let intranet: PageServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    intranet = await pageServer();
    region = await ssoRegion({
      port: await freePort(),
      config: { widgetDir: await widgetDir(), embedOrigins: { 'org-zorgzaam': [intranet.origin] } },
    });
    const server = region.server.ctx.config.publicUrl;
    intranet.page('/', hostHtml(server, { org: 'org-zorgzaam', view: 'inbox' }), { 'Content-Security-Policy': strictCsp(server) });
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    await context.addInitScript(HOST_LISTENER);
    page = await context.newPage();
    await page.goto(intranet.origin + '/');
  });
  afterAll(async () => {
    await browser?.close();
    await intranet?.close();
    await region?.close();
  });

  it('R11, R12: the popup signs the nurse in at her provider; the frame shows her list, the intranet page never sees the code', async () => {
    const frame = await widgetFrame(page, region.server.ctx.config.publicUrl);
    // The intranet is Thuiszorg Zorgzaam's: its sign-in is offered without a choice of organisation.
    await frame.getByText(/^Met het account van Thuiszorg Zorgzaam/).waitFor();
    await page.screenshot({ path: `${DIR}/widget-signin-organisation.png`, animations: 'disabled' });
    const opened = page.waitForEvent('popup');
    await frame.getByRole('button', { name: 'Aanmelden met uw organisatie' }).click();
    const popup = await opened;
    const closed = popup.waitForEvent('close');
    await signInAtProviderPage(popup, region, 'y.yilmaz@zorgzaam.nl');
    // The frame closes the popup once it has the code, and is signed in.
    await closed;
    await frame.locator('.whoami').getByText('Yusuf Yilmaz').waitFor();
    await frame.getByRole('button', { name: 'Afmelden' }).waitFor();
    expect(region.logs.some(([event, f]) => event === 'sso-sign-in' && f.professionalId === 'p-yilmaz' && f.outcome === 'success')).toBe(true);
    const heard = await page.evaluate(() => (globalThis as unknown as { __heard: string[] }).__heard);
    expect(heard.some((m) => m.includes('nz_code') || m.includes('netwerkzorg-sso'))).toBe(false);
    // The session lives in the frame: a reload of the intranet page keeps it.
    await page.reload();
    await (await widgetFrame(page, region.server.ctx.config.publicUrl)).locator('.whoami').getByText('Yusuf Yilmaz').waitFor();
  });

  it('R12: a person the organisation has no account for is refused in the frame with a clear message, and is not signed in', async () => {
    const frame = await widgetFrame(page, region.server.ctx.config.publicUrl);
    await frame.getByRole('button', { name: 'Afmelden' }).click();
    // Another person at this computer: the provider's own session of the nurse ends too.
    await page.context().clearCookies();
    const opened = page.waitForEvent('popup');
    await frame.getByRole('button', { name: 'Aanmelden met uw organisatie' }).click();
    await signInAtProviderPage(await opened, region, 'n.iemand@zorgzaam.nl');
    await frame.getByRole('alert').waitFor();
    expect(await frame.getByRole('alert').textContent()).toMatch(/account/i);
    expect(await frame.locator('.whoami').count()).toBe(0);
  });
});
